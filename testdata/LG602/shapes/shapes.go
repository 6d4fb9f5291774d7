package shapes

import (
	"context"
	"time"

	"golang.org/x/sync/errgroup"
)

type handler struct{ db *db }

type db struct{ cache map[string]*conn }

type conn struct{}

func (d *db) Get(ctx context.Context, key string) error           { return ctx.Err() }
func (d *db) Process(ctx context.Context, key string) error       { return ctx.Err() }
func (d *db) Open(ctx context.Context, key string) (*conn, error) { return &conn{}, ctx.Err() }
func (c *conn) Run(done <-chan struct{})                          {}

// The call in an if's own initializer is the work, not cleanup after an error.
func (h *handler) Handle(ctx context.Context, key string) error {
	if err := h.db.Process(context.TODO(), key); err != nil { // want "LG602"
		return err
	}
	return nil
}

// A task marker says the context is not plumbed yet, not that it is detached on purpose.
func (h *handler) Load(ctx context.Context, key string) error {
	// TODO: pass ctx once the store takes one
	return h.db.Get(context.Background(), key) // want "LG602"
}

// Commented-out code explains nothing.
func (h *handler) Store(ctx context.Context, key string) error {
	// return h.db.Get(ctx, key)
	return h.db.Get(context.Background(), key) // want "LG602"
}

// A timeout whose cancel is deferred here lives no longer than this call: it should derive
// from the caller's context.
func (h *handler) Timed(ctx context.Context, key string) error {
	timed, cancel := context.WithTimeout(context.Background(), time.Second) // want "LG602"
	defer cancel()
	return h.db.Get(timed, key)
}

// A group waited for here is bounded by this call.
func (h *handler) Fan(ctx context.Context, keys []string) error {
	g, ctx := errgroup.WithContext(context.Background()) // want "LG602"
	for _, key := range keys {
		key := key
		g.Go(func() error { return h.db.Get(ctx, key) })
	}
	return g.Wait()
}

// A local map and a literal die with the call.
func (h *handler) Local(ctx context.Context, key string) error {
	local := map[string]*conn{}
	c, err := h.db.Open(context.Background(), key) // want "LG602"
	local[key] = c
	_ = []*conn{c}
	return err
}

// A goroutine bounded by the caller's context does not outlive the call.
func (h *handler) Watch(ctx context.Context, key string) error {
	c, err := h.db.Open(context.Background(), key) // want "LG602"
	go c.Run(ctx.Done())
	return err
}

func (h *handler) userOf(ctx context.Context) string { return "" }

func lookup(key string) (*conn, bool) { return nil, false }

// A nil check on a field, a map value or a comma-ok result is no error branch.
func (h *handler) Checks(ctx context.Context, key string) error {
	if h.db != nil {
		_ = h.db.Get(context.Background(), key) // want "LG602"
	}
	if c := h.db.cache[key]; c != nil {
		_ = h.db.Get(context.TODO(), key) // want "LG602"
	}
	if c, found := lookup(key); c != nil && found {
		_ = h.db.Get(context.TODO(), key) // want "LG602"
	}
	return nil
}

// A value read from the caller's context, handed to a call that keeps nothing, merges
// nothing.
func (h *handler) Named(ctx context.Context) error {
	user := h.userOf(ctx)
	return h.db.Get(context.Background(), user) // want "LG602"
}

// A deferred closure that cancels bounds the context by the call just as `defer cancel()`.
func (h *handler) Closed(ctx context.Context, key string) error {
	timed, cancel := context.WithTimeout(context.Background(), time.Second) // want "LG602"
	defer func() { cancel() }()
	return h.db.Get(timed, key)
}

// A directive for another linter, or a lowercase task marker, explains nothing either.
func (h *handler) Directives(ctx context.Context, key string) error {
	//nolint:errcheck
	_ = h.db.Get(context.Background(), key) // want "LG602"
	// todo: plumb the context
	return h.db.Get(context.TODO(), key) // want "LG602"
}
