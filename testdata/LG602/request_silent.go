package store

import (
	"context"
	"net/http"
	"time"
)

// The request's context is propagated: nothing to report.
func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = s.db.Get(ctx, r.URL.Path)
}

// WithoutCancel keeps values and trace while detaching on purpose.
func (s *Store) Detach(ctx context.Context) {
	go func() {
		_ = s.db.Get(context.WithoutCancel(ctx), "audit")
	}()
}
