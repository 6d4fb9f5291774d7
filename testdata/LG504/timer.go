package timers

import (
	"context"
	"time"
)

func wait(ctx context.Context, results <-chan int, timeout time.Duration) (int, error) {
	t := time.NewTimer(timeout) // want "LG504: the timer t is not stopped when the return at line 12"
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-t.C:
		return 0, context.DeadlineExceeded
	case r := <-results:
		t.Stop()
		return r, nil
	}
}

func afterFunc(ctx context.Context, fail bool) error {
	t := time.AfterFunc(time.Minute, func() {}) // want "LG504: the AfterFunc timer t"
	if fail {
		return ctx.Err()
	}
	t.Stop()
	return nil
}
