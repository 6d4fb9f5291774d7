package client

import (
	"context"
	"net/http"

	"example.com/transport"
)

type counter struct{ n int }

func newCounter() *counter { return &counter{} }

// A context handed beside the request to a call out of sight may be attached there, whatever
// the variable is called.
func sendWithParent(parent context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	return transport.Send(parent, req)
}

// A local spelled like a context but made as a counter is not one: the function holds
// `parent` and hands the call out of sight no context at all.
func sendCounted(parent context.Context, url string) error {
	ctx := newCounter()
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	ctx.n++
	return transport.Count(ctx, req)
}
