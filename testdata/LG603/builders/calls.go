package api

import (
	"context"
	"net/http"
)

func (c *Client) do(ctx context.Context, req *http.Request) error {
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (c *Client) Get(ctx context.Context, url string) error {
	req, err := c.newRequest(http.MethodGet, url)
	if err != nil {
		return err
	}
	return c.do(ctx, req)
}

func (c *Client) Delete(ctx context.Context, url string) error {
	req, err := c.newRequest(http.MethodDelete, url)
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (c *Client) Poll(ctx context.Context) error {
	resp, err := c.hc.Do(c.template.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Legacy holds a context and does not hand it to the builder.
func (c *Client) Legacy(ctx context.Context, url string) error {
	req, err := newLegacyRequest(url)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
