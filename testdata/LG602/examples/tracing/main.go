// An example is the template its readers copy: a handler that drops its request's context
// teaches the bug, so examples are checked like any code.
package main

import (
	"context"
	"net/http"
	"time"
)

func lookup(ctx context.Context, key string) error { return ctx.Err() }

func handle(w http.ResponseWriter, r *http.Request) {
	if err := lookup(context.Background(), r.URL.Path); err != nil { // want "LG602"
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if err := lookup(r.Context(), r.URL.Path); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func main() {
	http.HandleFunc("/", handle)
	srv := &http.Server{Addr: "localhost:8080", ReadHeaderTimeout: 5 * time.Second}
	_ = srv.ListenAndServe()
}
