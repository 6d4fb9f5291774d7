package absent

import (
	"net/http"
	"time"
)

// WrapClient decorates the caller's client; a caller that gives none gets net/http's default.
func WrapClient(client *http.Client, agent string) *http.Client {
	if client == nil {
		client = &http.Client{}
	}
	client.Transport = &agentTransport{base: client.Transport, agent: agent}
	return client
}

// OptionalClient returns the client given, or a default one.
func OptionalClient(clients ...*http.Client) *http.Client {
	if len(clients) > 0 && clients[0] != nil {
		return clients[0]
	}
	return &http.Client{}
}

// withDefault's default is taken: a caller below passes nil.
func withDefault(client *http.Client) *http.Client {
	if client == nil {
		client = &http.Client{} // want "LG403"
	}
	return client
}

// optional's default is taken: a caller below gives no client.
func optional(clients ...*http.Client) *http.Client {
	if len(clients) > 0 {
		return clients[0]
	}
	return &http.Client{} // want "LG403"
}

// The literal is in the branch taken when a client was given: not a default for an absent one.
func replaced(client *http.Client) *http.Client {
	if client == nil {
		return bounded
	} else {
		client = &http.Client{} // want "LG403"
	}
	return client
}

type agentTransport struct {
	base  http.RoundTripper
	agent string
}

func (t *agentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req.Header.Set("User-Agent", t.agent)
	if t.base == nil {
		return http.DefaultTransport.RoundTrip(req)
	}
	return t.base.RoundTrip(req)
}

var bounded = &http.Client{Timeout: 10 * time.Second}

var (
	forge    = WrapClient(bounded, "forge")
	scm      = OptionalClient(bounded)
	fallback = withDefault(nil)
	plain    = optional()
	swapped  = replaced(bounded)
)

// NewAPI hands its caller's client on to the constructor that defaults it.
func NewAPI(client *http.Client) *http.Client {
	return newWithBase(client, "https://api.example.com")
}

func newWithBase(client *http.Client, base string) *http.Client {
	if client == nil {
		client = &http.Client{} // want "LG403"
	}
	_ = base
	return client
}

// Default calls it with none: the default is taken two calls down.
func Default() *http.Client {
	return NewAPI(nil)
}

// Metadata is an exported constructor nobody in the module calls: its users may pass nil.
func Metadata(client *http.Client) *http.Client {
	if client == nil {
		client = &http.Client{} // want "LG403"
	}
	return client
}
