package lostcancel

import (
	"context"
	"net/http"
	"time"
)

func work(ctx context.Context) error { return ctx.Err() }

// A handler derives from its request's context: net/http cancels that context when the handler
// returns, and the child with it, so a cancel lost on the early return holds nothing.
func handle(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	go func() {
		<-ctx.Done()
	}()
	if r.URL.Query().Get("id") == "" {
		http.Error(w, "no id", http.StatusBadRequest)
		return
	}
	defer cancel()
	_ = work(ctx)
}

func handleTimeout(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithTimeout(r.Context(), time.Minute)
	_ = work(ctx)
}

// A helper taking an outgoing request is no handler: the request's context is the caller's,
// and it may live on.
func send(client *http.Client, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second) // want "LG601"
	if r.URL == nil {
		return nil // want "LG601: this return can be reached without calling cancel"
	}
	defer cancel()
	resp, err := client.Do(r.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
