package shapes

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"
)

// Cleanup on the branch taken after an error.
func (h *handler) Create(ctx context.Context, key string) error {
	if err := h.db.Process(ctx, key); err != nil {
		_ = h.db.Get(context.Background(), "cleanup-"+key)
		return err
	}
	return nil
}

// ...and on the else of an `err == nil` test.
func (h *handler) Commit(ctx context.Context, key string) error {
	err := h.db.Process(ctx, key)
	if err == nil {
		return nil
	} else {
		_ = h.db.Get(context.Background(), "rollback-"+key)
	}
	return errors.Join(err)
}

// An explanation in prose.
func (h *handler) Audit(ctx context.Context, key string) error {
	// The audit record must be written even when the client has gone away.
	return h.db.Get(context.Background(), key)
}

// A root whose cancel is kept for later: a lifetime of its own.
type worker struct {
	cancel context.CancelFunc
	groups *errgroup.Group
	conn   *conn
}

func (w *worker) Start(ctx context.Context, h *handler) {
	run, cancel := context.WithTimeout(context.Background(), time.Hour) // want "LG601: the cancel function returned by context.WithTimeout is kept in `w.cancel`"
	w.cancel = cancel
	go func() { _ = h.db.Get(run, "loop") }()
}

// A group nobody here waits for: it runs on its own lifetime.
func (w *worker) Spawn(ctx context.Context, h *handler) {
	g, gctx := errgroup.WithContext(context.Background())
	g.Go(func() error { return h.db.Get(gctx, "spawned") })
	w.groups = g
}

// Kept in a field: the connection outlives the call that opened it.
func (w *worker) Connect(ctx context.Context, h *handler) error {
	c, err := h.db.Open(context.Background(), "conn")
	w.conn = c
	return err
}

// A same-package dial declared to return a context of its own.
func dial(ctx context.Context) (context.Context, *conn, error) { return ctx, &conn{}, nil }

func (w *worker) Dial(ctx context.Context) (*conn, error) {
	own, c, err := dial(context.Background())
	_ = own
	return c, err
}

type registry struct {
	all   []*conn
	state struct{ c *conn }
}

// What it opens outlives the call: into a field through a literal or an append, through a
// pointer, into the caller's map.
func (r *registry) Keep(ctx context.Context, h *handler, out **conn, into map[string]*conn) error {
	a, err := h.db.Open(context.Background(), "a")
	r.state = struct{ c *conn }{c: a}
	b, err := h.db.Open(context.Background(), "b")
	r.all = append(r.all, b)
	c, err := h.db.Open(context.Background(), "c")
	*out = c
	d, err := h.db.Open(context.Background(), "d")
	into["d"] = d
	return err
}

// Stop forgets the loop's context.
func (w *worker) Stop() { w.groups = nil }
