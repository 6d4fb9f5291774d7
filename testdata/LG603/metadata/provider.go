package metadata

import (
	"context"
	"fmt"
	"net/http"
)

const identityURL = "http://169.254.169.254/latest/dynamic/instance-identity/document"
const gcpIdentityURL = "http://metadata/computeMetadata/v1/instance/service-accounts/default/identity"

type config struct {
	identityURL string
	tokenURL    string
	eventsURL   string
}

type Provider struct {
	config *config
}

func newConfig() *config {
	return &config{identityURL: identityURL, tokenURL: gcpIdentityURL, eventsURL: "https://events.example.com"}
}

// Configured from the operator's file: the events endpoint may be anywhere.
func (p *Provider) Configure(events string) { p.config.eventsURL = events }

// The identity document comes from the metadata service, through a config field the package
// fills only from a constant and a parameter its callers fill so.
func (p *Provider) Identity(ctx context.Context) (*http.Response, error) {
	return p.read(p.config.identityURL)
}

func (p *Provider) read(url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, http.NoBody)
	if err != nil {
		return nil, err
	}
	return p.client().Do(req)
}

func (p *Provider) client() *http.Client { return &http.Client{Transport: http.DefaultTransport} }

// Built by a method that formats from the field: GCP's metadata host, by its name.
func (p *Provider) tokenFor(audience string) string {
	return fmt.Sprintf("%s?audience=%s", p.config.tokenURL, audience)
}

func (p *Provider) Token(ctx context.Context, audience string) (*http.Response, error) {
	req, err := http.NewRequest("GET", p.tokenFor(audience), http.NoBody)
	if err != nil {
		return nil, err
	}
	return p.client().Do(req)
}

// A field also given the operator's value: remote work, to bound with the caller's context.
func (p *Provider) Events(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequest("GET", p.config.eventsURL, http.NoBody) // want "LG603"
	if err != nil {
		return nil, err
	}
	return p.client().Do(req)
}

// An exported field of an exported type: its users (and the decoder of their config file)
// may point it anywhere, whatever default the package gives.
type Options struct {
	MetadataURL string
}

func DefaultOptions() Options { return Options{MetadataURL: identityURL} }

func Fetch(ctx context.Context, client *http.Client, o *Options) (*http.Response, error) {
	req, err := http.NewRequest("GET", o.MetadataURL, http.NoBody) // want "LG603"
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}
