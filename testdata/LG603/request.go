package client

import (
	"context"
	"net/http"
	"strings"
)

func fetch(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603: use http.NewRequestWithContext"
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want "LG403"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func get(url string) (*http.Response, error) {
	return http.Get(url) // want "LG603: http.Get sends a request that cannot be cancelled" "LG403"
}

func post(url string) (*http.Response, error) {
	return http.Post(url, "text/plain", strings.NewReader("x")) // want "LG603" "LG403"
}

func viaClient(url string) (*http.Response, error) {
	client := &http.Client{}
	return client.Get(url) // want "LG603: client.Get sends a request"
}

// No context anywhere in reach, and the caller's client, whose timeout the caller sets:
// nothing to propagate.
func viaParameter(c *http.Client, url string) (*http.Response, error) {
	return c.Head(url)
}

func viaDefault(url string) (*http.Response, error) {
	return http.DefaultClient.PostForm(url, nil) // want "LG603: http.DefaultClient.PostForm" "LG403"
}

var _ = context.Background

// A wrapper in sight that is handed the context and does not attach it.
func ignoring(ctx context.Context, client *http.Client, url string) error {
	wrap := func(req *http.Request, ctx context.Context) *http.Request { return req }
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := client.Do(wrap(req, ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A function value bound once is the function: `get(url)` is http.Get.
func aliasedSender(ctx context.Context, url string) error {
	get := http.Get
	resp, err := get(url) // want "LG603" "LG403"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
