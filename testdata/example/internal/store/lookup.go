package store

import (
	"context"
	"errors"
	"time"
)

var errSlow = errors.New("inventory lookup timed out")

// Lookup asks the inventory service, giving up after 100ms.
func (s *Store) Lookup(ctx context.Context, id string) (int, error) {
	count := make(chan int)
	go func() {
		count <- s.fetchCount(ctx, id) // want "LG102"
	}()
	select {
	case n := <-count:
		return n, nil
	case <-time.After(100 * time.Millisecond):
		return 0, errSlow
	}
}

func (s *Store) fetchCount(ctx context.Context, id string) int { return len(id) }

// Refresh keeps the local copy warm; nothing can ever stop it.
func (s *Store) Refresh(ids []string) {
	go func() { // want "LG201"
		for {
			for _, id := range ids {
				_ = s.fetchCount(context.Background(), id)
			}
			time.Sleep(time.Minute)
		}
	}()
}
