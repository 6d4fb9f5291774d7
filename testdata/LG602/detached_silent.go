package store

import (
	"context"
	"net/http"
	"testing"
	"time"
)

type conn struct {
	ctx    context.Context
	cancel context.CancelFunc
	onDone func()
}

// A long-lived object's own lifetime context: it must outlive the dial.
func dial(ctx context.Context, target string) *conn {
	c := &conn{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	_ = ctx
	return c
}

// Cleanup after a failure must run even when the request was cancelled.
func (s *Store) Create(ctx context.Context, id string) error {
	if err := s.db.Get(ctx, id); err != nil {
		_ = s.db.Get(context.Background(), "cleanup-"+id)
		return err
	}
	return nil
}

// A callback run later, when the connection closes: no caller to inherit from.
func (s *Store) Watch(ctx context.Context, c *conn) {
	c.onDone = func() {
		_ = s.db.Get(context.Background(), "closed")
	}
}

// Work handed to a goroutine that outlives the call.
func (s *Store) Release(ctx context.Context, id string) {
	go s.db.Get(context.Background(), id)
}

// Said so in a comment.
func (s *Store) Exec(ctx context.Context, id string) error {
	// The exec'd process is killed when its context ends, so it must not get the request's.
	return s.db.Get(context.Background(), id)
}

// A nil guard is not a dropped context.
func (s *Store) Guarded(ctx context.Context, id string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return s.db.Get(ctx, id)
}

// A client helper that takes an outgoing request is not a server handler.
func send(req *http.Request) error {
	return Store{}.db.Get(context.Background(), req.URL.Path)
}

// A fresh root with a timeout of its own, for a value that is not the caller's work.
func (s *Store) Statuses(ctx context.Context) {
	statusCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = s.db.Get(statusCtx, "status")
}

// A test helper (it takes *testing.T) builds its own contexts.
func checkWrite(ctx context.Context, t *testing.T, s *Store) {
	if err := s.db.Get(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
}

type fifo struct{}

func openFifo(ctx context.Context, path string) (*fifo, error) { return &fifo{}, ctx.Err() }

func (f *fifo) copyTo(s *Store) {}

// The fifo opened here lives on in a goroutine after the call returns: its context is the
// fifo's lifetime, not the request's.
func (s *Store) Attach(ctx context.Context, path string) error {
	f, err := openFifo(context.Background(), path)
	if err != nil {
		return err
	}
	go f.copyTo(s)
	return nil
}
