package attest

import (
	"context"
	"net/http"
	"time"

	"example.com/handed/challenge"
	"example.com/handed/legacy"
)

type plugin struct {
	client *http.Client
}

// The client only goes to challenge.Verify, which sends with the deadline given here.
func newPlugin() *plugin {
	return &plugin{client: &http.Client{CheckRedirect: noRedirects}}
}

func (p *plugin) attest(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return challenge.Verify(ctx, p.client, url)
}

type fetcher struct {
	client *http.Client
}

// This client goes to a package that builds its requests without a context.
func newFetcher() *fetcher {
	return &fetcher{client: &http.Client{CheckRedirect: noRedirects}} // want "LG403"
}

func (f *fetcher) fetch(url string) error {
	return legacy.Fetch(f.client, url)
}

type prober struct {
	probe *http.Client
}

// Handed to challenge.Verify, but also sent through here.
func newProber() *prober {
	return &prober{probe: &http.Client{CheckRedirect: noRedirects}} // want "LG403"
}

func (p *prober) check(ctx context.Context, url string) error {
	if err := challenge.Verify(ctx, p.probe, url); err != nil {
		return err
	}
	resp, err := p.probe.Get(url) // want "LG603"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

var _ = []any{newPlugin, newFetcher, newProber}
