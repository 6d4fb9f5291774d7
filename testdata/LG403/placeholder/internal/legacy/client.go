// Package legacy's client keeps its timeout-less default: nobody replaces it.
package legacy

import "net/http"

type Client struct {
	HTTPClient *http.Client
}

func NewClient() *Client {
	return &Client{HTTPClient: &http.Client{}} // want "LG403"
}
