package library

import (
	"context"
	"net/http"
)

// This package builds its other requests with a context, but this one is built without and
// sent through a client made for it: nothing bounds it.
func login(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	return (&http.Client{}).Do(req) // want "LG403"
}

// The same, with the client kept in a local.
func logout(url string) (*http.Response, error) {
	client := &http.Client{} // want "LG403"
	req, err := http.NewRequest(http.MethodPost, url, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// Given the caller's context before it is sent: its deadline bounds the request.
func refresh(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	return (&http.Client{}).Do(req.WithContext(ctx))
}

// Built with the context in the first place.
func renew(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	return (&http.Client{}).Do(req)
}

// The default client, with a request built here without a context: nothing bounds it.
func ping(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want "LG403"
}

// The default client with a request built with the caller's context.
func pingWithin(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
