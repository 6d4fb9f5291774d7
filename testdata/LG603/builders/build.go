package api

import (
	"context"
	"net/http"
)

type Client struct {
	hc       *http.Client
	template *http.Request
}

// Every caller of newRequest (in calls.go) sends it with a context.
func (c *Client) newRequest(method, url string) (*http.Request, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// One caller of newLegacyRequest sends it without a context.
func newLegacyRequest(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil) // want "LG603"
}

// A request handed to a wrapper that also takes the context.
func (c *Client) Alerts(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	return c.do(ctx, req)
}

// A cached template request, always sent as c.template.WithContext(ctx) (calls.go).
func NewClient(url string) (*Client, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return &Client{hc: &http.Client{}, template: req}, nil
}

// An exported builder nobody here calls: its callers attach the context.
func NewQuery(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil)
}
