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

// The channel is received through another name.
func aliased(deadline time.Duration, notify <-chan struct{}) error {
	var timeout <-chan time.Time
	var timer *time.Timer
	if deadline > 0 {
		timer = time.NewTimer(deadline)
		timeout = timer.C
	}
	select {
	case <-notify:
		if timer != nil {
			timer.Stop()
		}
		return nil
	case <-timeout:
		return context.DeadlineExceeded
	}
}

// Released within the second it was made.
func brief(ctx context.Context, done <-chan struct{}) bool {
	t := time.NewTimer(100 * time.Millisecond)
	select {
	case <-ctx.Done():
		return false
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
