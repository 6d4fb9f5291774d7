// Package api's client starts with a placeholder http.Client that the provider package, its
// only importer, replaces with the configured one (30 s timeout).
package api

import "net/http"

type Client struct {
	HTTPClient *http.Client
	token      string
}

func NewClient(token string) *Client {
	return &Client{HTTPClient: &http.Client{}, token: token}
}
