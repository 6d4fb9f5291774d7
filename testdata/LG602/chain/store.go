package chain

import (
	"context"
	"time"
)

type Store struct {
	stop context.CancelFunc
}

func query(ctx context.Context, id string) error { return ctx.Err() }

func (s *Store) load(id string) error {
	return query(context.Background(), id)
}

func (s *Store) refresh(id string) error {
	return s.load(id)
}

func (s *Store) audit(id string) error {
	// Audit records must be written even when the request is cancelled.
	return query(context.Background(), id)
}

func (s *Store) startJanitor() {
	ctx, cancel := context.WithCancel(context.Background()) // want "LG601: the cancel function returned by context.WithCancel is kept in `s.stop`"
	s.stop = cancel
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Minute):
				_ = query(ctx, "expired")
			}
		}
	}()
}

func (s *Store) Load(id string) error {
	return query(context.Background(), id)
}

type conn struct{}

func dial(ctx context.Context) (context.Context, *conn, error) { return ctx, &conn{}, nil }

// The fresh root becomes the connection's own lifetime context.
func (s *Store) connect() (*conn, error) {
	ctx, c, err := dial(context.Background())
	_ = ctx
	return c, err
}

func (s *Service) Connect(ctx context.Context) (*conn, error) {
	return s.store.connect()
}

// A one-time setup checked for its error: whether it needs the caller's context depends on
// what query does with it, which the chain does not know yet.
func (s *Store) setup() error {
	if err := query(context.TODO(), "schema"); err != nil {
		return err
	}
	return nil
}

// Close releases the store, but forgets the janitor's context.
func (s *Store) Close() {}
