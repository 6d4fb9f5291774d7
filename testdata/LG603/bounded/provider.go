// Package provider has no context anywhere in its API (an interface of the library's own,
// Present(domain string) error): a request whose client has a timeout has nothing to
// propagate, and a request whose client has none hangs as long as the peer does.
package provider

import (
	"net/http"
	"time"
)

type Config struct {
	HTTPClient *http.Client
}

func NewDefaultConfig() *Config {
	return &Config{HTTPClient: &http.Client{Timeout: 30 * time.Second}}
}

type Provider struct {
	config *Config
}

// The configured client, of a make this function cannot see: its owner bounds it.
func (p *Provider) Present(domain string) error {
	req, err := http.NewRequest(http.MethodPost, "https://api.example.com/"+domain, nil)
	if err != nil {
		return err
	}
	resp, err := p.config.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A client of its own with a timeout.
func (p *Provider) CleanUp(domain string) error {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get("https://api.example.com/" + domain)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The default client has no timeout: nothing ends this request but the peer.
func (p *Provider) Ping() error {
	resp, err := http.Get("https://api.example.com/ping") // want "LG603" "LG403"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A client built here with no timeout, sending a request built without a context.
func (p *Provider) Records(domain string) error {
	client := &http.Client{} // want "LG403"
	req, err := http.NewRequest(http.MethodGet, "https://api.example.com/"+domain, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Only a test calls it: no production caller holds a context to hand down.
func (p *Provider) Check(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil)
}
