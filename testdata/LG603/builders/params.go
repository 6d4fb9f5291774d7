package api

import (
	"context"
	"net/http"
)

type params struct {
	Request *http.Request
	Route   string
}

// The request waits in a local struct and is returned from there; its only caller sends it
// with a context.
func marshal(url string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	p := &params{Request: req, Route: url}
	p.Request.Header.Set("Accept", "application/json")
	return p.Request, nil
}

func (c *Client) Call(ctx context.Context, url string) error {
	req, err := marshal(url)
	if err != nil {
		return err
	}
	return c.do(ctx, req)
}

// The same shape, but its caller sends it as built.
func marshalLegacy(url string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	p := params{Request: req}
	return p.Request, nil
}

func (c *Client) CallLegacy(ctx context.Context, url string) error {
	req, err := marshalLegacy(url)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
