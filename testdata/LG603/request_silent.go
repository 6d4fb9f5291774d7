package client

import (
	"context"
	"net/http"
	"net/url"
)

func withContext(ctx context.Context, target string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
}

// NewRequest followed by WithContext carries the context.
func thenWithContext(ctx context.Context, target string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return req, nil
}

type cache struct{}

func (cache) Get(key string) string { return key }

// Get on something that is not an HTTP client.
func notAClient(values url.Values, c cache) string {
	return values.Get("q") + c.Get("k")
}

// A local variable named http shadows the package.
func shadowed() string {
	http := cache{}
	return http.Get("x")
}

// A local endpoint: the placeholder host of a unix-socket client, and loopback.
func debugProfile(c *http.Client, name string) (*http.Response, error) {
	return c.Get("http://." + "/debug/pprof/" + name)
}

func localHealth() (*http.Response, error) {
	return http.Get("http://localhost:8080/healthz")
}
