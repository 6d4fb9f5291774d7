package client

import "net/http"

type Notifier struct{ client *http.Client }

// Work started with `go` outlives the handler: its request context would cancel the
// notification the moment the handler returns, so there is no context to pass down.
func (n *Notifier) Handle(w http.ResponseWriter, r *http.Request) {
	go n.notify(r.URL.String())
	go func() { _ = n.notify(r.URL.String()) }()
	_ = n.lookup(r.URL.String())
}

func (n *Notifier) notify(url string) error {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Called in the handler's own flow: its r.Context() could come down as a parameter.
func (n *Notifier) lookup(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
