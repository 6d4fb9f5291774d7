package library

import (
	"context"
	"net/http"
)

// A library's default client: every request carries the caller's context and deadline.
type Client struct {
	http *http.Client
}

func New(c *http.Client) *Client {
	if c == nil {
		c = &http.Client{}
	}
	return &Client{http: c}
}

func (c *Client) Get(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

// A copy of a configured client replaces the zero one.
func copied(configured *http.Client) *http.Client {
	var client = &http.Client{}
	if configured != nil {
		*client = *configured
	}
	return client
}
