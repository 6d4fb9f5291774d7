package fetch

import (
	"context"
	"errors"
)

// The function closes the channel on its way out: a sender still due then panics (send on
// closed channel) instead of blocking.
func ClosesOnReturn(ctx context.Context) (result, error) {
	done := make(chan result)
	defer close(done)
	go func() {
		done <- Get(ctx) // want "LG102: the function can return at line 20 \\(on cancellation\\) without receiving, and its deferred close \\(line 12\\) then makes the sender panic"
	}()
	select {
	case r := <-done:
		return r, nil
	case <-ctx.Done():
		return result{}, errors.New("cancelled")
	}
}
