// Package api has no context in its API: whether a request is bounded depends on the client
// the module's other packages hand it, which the module view follows.
package api

import "net/http"

type Fetcher struct {
	client *http.Client
}

// NewFetcher keeps the caller's client: cmd/shopd passes one with no timeout.
func NewFetcher(client *http.Client) *Fetcher {
	return &Fetcher{client: client}
}

func (f *Fetcher) Fetch(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// NewChecker's only caller in the module (tools/) passes a client with a timeout.
func NewChecker(client *http.Client) *Checker {
	return &Checker{client: client}
}

type Checker struct {
	client *http.Client
}

func (c *Checker) Check(url string) error {
	resp, err := c.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Build has no context, but worker.Run, in another package of the module, calls it while
// holding one: a parameter would bring it down.
func Build(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil) // want "LG603"
}
