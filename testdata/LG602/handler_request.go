package service

import (
	"context"
	"net/http"
)

func render(ctx context.Context, w http.ResponseWriter, r *http.Request) {}

// Handing the request on beside a fresh context: the callee uses the context it is given,
// not the request's.
func page(w http.ResponseWriter, r *http.Request) {
	render(r.Context(), w, r)
	render(context.Background(), w, r) // want "LG602: drops the deadline"
}

// Merging the request's context values into a fresh root reads its context: detached on
// purpose, the shape WithoutCancel replaces.
func detached(w http.ResponseWriter, r *http.Request) {
	render(withValues(context.Background(), r.Context()), w, r)
}

func withValues(root, from context.Context) context.Context { return root }
