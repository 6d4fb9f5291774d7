package client

import (
	"context"
	"net/http"

	"example.com/httprequest"
)

// The package's own Do sends without looking at any context.
type Client struct{ hc *http.Client }

func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	return c.hc.Do(req)
}

// Handed to another package's client with the context: that Do is not the package's, and
// may attach it.
func viaOtherPackage(ctx context.Context, doer httprequest.Doer, url string) error {
	client := &httprequest.Client{Doer: doer}
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	return client.Do(ctx, req, nil)
}

// Handed to the package's own Do, which drops the context: still without one.
func viaOwnClient(ctx context.Context, c *Client, url string) error {
	req, err := http.NewRequest("GET", url, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := c.Do(ctx, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
