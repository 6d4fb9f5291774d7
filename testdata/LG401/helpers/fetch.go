package helpers

import "net/http"

type Client struct {
	http *http.Client
}

func (c *Client) Fetch(req *http.Request) ([]byte, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	return readAndClose(resp)
}

func (c *Client) Status(req *http.Request) (int, error) {
	resp, err := c.http.Do(req) // want "LG401"
	if err != nil {
		return 0, err
	}
	return statusOf(resp), nil
}
