package provider

import (
	"context"
	"net/http"
)

// No context here, but both callers, two calls up, hold one: a parameter would bring it
// down, so the request should take it.
func (p *Provider) build(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil) // want "LG603"
}

func (p *Provider) fetch(url string) error {
	req, err := p.build(url)
	if err != nil {
		return err
	}
	resp, err := p.config.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (p *Provider) Sync(ctx context.Context) error {
	return p.fetch("https://api.example.com/sync")
}

// A local context, made and not passed.
func (p *Provider) Refresh() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = ctx
	req, err := http.NewRequest(http.MethodGet, "https://api.example.com/refresh", nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := p.config.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A receiver holding a context (the service's lifetime) it does not pass.
type Watcher struct {
	ctx    context.Context
	client *http.Client
}

func (w *Watcher) Poll(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
