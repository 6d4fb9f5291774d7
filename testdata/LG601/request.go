package lostcancel

import (
	"context"
	"net/http"
	"time"
)

func Work(ctx context.Context) error { return ctx.Err() }

// A handler derives from its request's context: net/http cancels that context when the handler
// returns, and the child with it, so a cancel lost on the early return holds nothing.
func Handle(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context()) // want "LG605"
	go func() {
		<-ctx.Done()
	}()
	if r.URL.Query().Get("id") == "" {
		http.Error(w, "no id", http.StatusBadRequest)
		return // want "LG605"
	}
	defer cancel()
	_ = Work(ctx)
}

func HandleTimeout(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithTimeout(r.Context(), time.Minute) // want "LG605"
	_ = Work(ctx)
}

// A helper taking an outgoing request is no handler: the request's context is the caller's,
// and it may live on.
func Send(client *http.Client, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second) // want "LG601" "LG605"
	if r.URL == nil {
		return nil // want "LG601: this return can be reached without calling cancel" "LG605"
	}
	defer cancel()
	resp, err := client.Do(r.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
