package store

import (
	"context"
	"time"
)

// No context was handed in: Background is the root.
func Refresh(s *Store) error {
	return s.db.Get(context.Background(), "all")
}

// The parameter is deliberately blank.
func (s *Store) Ping(_ context.Context) error {
	return s.db.Get(context.Background(), "ping")
}

// Cleanup in a defer must run even after the caller's context is cancelled.
func (s *Store) Close(ctx context.Context) {
	defer func() {
		_ = s.db.Get(context.Background(), "flush")
	}()
	_ = s.db.Get(ctx, "close")
}

// Shutdown after the context ended starts a fresh one on purpose.
func (s *Store) Run(ctx context.Context) error {
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.db.Get(shutdown, "shutdown")
}

// Package-level initialisers and init are not handed a context.
var root = context.Background()

func init() {
	_ = context.TODO()
}

type valuesOnly struct {
	context.Context
	values context.Context
}

// Merges a fresh context with the caller's values: a hand-written WithoutCancel.
func keepValues(ctx context.Context) context.Context {
	return &valuesOnly{Context: context.Background(), values: ctx}
}
