package metadata

import (
	"context"
	"net/http"
)

// The host's own link-local metadata service: not remote work to cancel (LG403 still asks
// for a timeout on the default client).
var metadataURL = "http://169.254.42.42"

const awsMetadata = "http://169.254.169.254/latest/meta-data"

func instanceID() (*http.Response, error) {
	return http.Get(metadataURL + "/conf?format=json") // want "LG403"
}

func region(c *http.Client) (*http.Response, error) {
	return c.Get(awsMetadata + "/placement/region")
}

// A package variable assigned again at run time says nothing of where the request goes.
var apiURL = "http://169.254.1.1"

func configure(url string) { apiURL = url }

func status() (*http.Response, error) {
	return http.Get(apiURL + "/status") // want "LG603" want "LG403"
}

// A remote endpoint in a constant is remote.
const remote = "https://api.example.com"

func fetch() (*http.Response, error) {
	return http.Get(remote + "/v1") // want "LG603" want "LG403"
}

// The metadata URL held in a local assigned once (and one built from it): still the host's
// link-local service.
func sessionToken(ctx context.Context, client *http.Client, path string) error {
	tokenURL := "http://169.254.169.254/latest/api/token"
	req, err := http.NewRequest("PUT", tokenURL, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	apiURL := "http://169.254.169.254/latest/" + path
	req, err = http.NewRequest("GET", apiURL, nil)
	if err != nil {
		return err
	}
	resp, err = client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
