package store

import (
	"context"
	nethttp "net/http"
)

type DB struct{}

func (DB) Get(ctx context.Context, id string) error { return ctx.Err() }

type Store struct{ db DB }

// Drops the caller's deadline and trace.
func (s *Store) Load(ctx context.Context, id string) error {
	return s.db.Get(context.Background(), id) // want "LG602: drops the deadline, cancellation and trace of `ctx` \\(parameter on line 15\\): pass `ctx` instead. If the work must outlive the call, use context.WithoutCancel\\(ctx\\)."
}

// TODO() is the same mistake.
func (s *Store) Save(ctx context.Context, id string) error {
	return s.db.Get(context.TODO(), id) // want "LG602"
}

// An HTTP handler has the request's context (aliased net/http import).
func handle(w nethttp.ResponseWriter, r *nethttp.Request) {
	_ = Store{}.db.Get(context.Background(), "x") // want "LG602: pass `r.Context\\(\\)`"
}

// Inside a closure of a function that received a context.
func (s *Store) Each(ctx context.Context, ids []string) {
	for _, id := range ids {
		func() {
			_ = s.db.Get(context.Background(), id) // want "LG602"
		}()
	}
}

// Overwriting the parameter drops the caller's context for the rest of the function.
func (s *Store) Reset(ctx context.Context, id string) error {
	ctx = context.Background() // want "LG602: `ctx = context.Background\\(\\)` throws away.*: `s.db.Get` gets it on line 41"
	return s.db.Get(ctx, id)
}

// A callback with its own context that plumbs TODO() instead.
func (s *Store) Async(register func(func(context.Context) error)) {
	register(func(ctx context.Context) error {
		return s.db.Get(context.TODO(), "x") // want "LG602"
	})
}
