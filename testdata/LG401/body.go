package network

import (
	"errors"
	"io"
	"net/http"
)

func statusOnly(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req) // want "LG401: the body of `resp` \\(client.Do\\) is not closed on every path: the return at line 15"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New("bad status")
	}
	defer resp.Body.Close()
	return nil
}

func defaultClient(url string) (int, error) {
	resp, err := http.DefaultClient.Get(url) // want "LG401" "LG403" "LG603"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func blank(url string) {
	_, _ = http.Get(url) // want "LG401: assigned to `_`" "LG403" "LG603"
}

func dropped(client *http.Client, req *http.Request) {
	client.Do(req) // want "LG401: is dropped"
}

func readOnly(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

type api struct {
	client *http.Client
}

func (a *api) ping(req *http.Request) bool {
	resp, err := a.client.Do(req) // want "LG401"
	return err == nil && resp.StatusCode == 200
}

func roundTrip(t http.RoundTripper, req *http.Request) (int, error) {
	resp, err := t.RoundTrip(req) // want "LG401"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func retries(client *http.Client, req *http.Request) error {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = client.Do(req) // want "LG401: `resp` is replaced here before the body"
		if err == nil && resp.StatusCode == 200 {
			break
		}
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
