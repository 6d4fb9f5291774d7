package timers

import (
	"context"
	"time"
)

func deferred(ctx context.Context, timeout time.Duration) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func fired(timeout time.Duration) {
	t := time.NewTimer(timeout)
	<-t.C
}

// Fire and forget: the function is meant to run.
func later() {
	time.AfterFunc(time.Second, func() {})
	t := time.AfterFunc(time.Second, func() {})
	_ = t
}

func stored(h *holder) {
	h.t = time.NewTimer(time.Second)
}

type holder struct{ t *time.Timer }
