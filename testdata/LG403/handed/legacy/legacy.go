package legacy

import "net/http"

// Fetch builds its request without a context: nothing bounds it but the client.
func Fetch(client *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
