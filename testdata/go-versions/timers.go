// The same code under go.mod `go 1.22`, `go 1.23`, `go 1.25` and no go.mod
// (tests/test_go_versions.py): timers are collected from Go 1.23 on.
package versions

import (
	"context"
	"time"
)

func poll(ctx context.Context) error {
	t := time.NewTicker(time.Second) // want(<1.23) "LG501"
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

func waitReady(ready func() bool) {
	for range time.Tick(time.Second) { // want(<1.23) "LG502"
		if ready() {
			return
		}
	}
}

func idle(in <-chan int, handle func(int)) {
	for {
		select {
		case v := <-in:
			handle(v)
		case <-time.After(time.Minute): // want(<1.23) "LG503: stays in memory until it fires" want(>=1.23) "LG503: allocates a timer every iteration"
			return
		}
	}
}

func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d) // want(<1.23) "LG504"
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func batch(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-in:
			if !t.Stop() {
				<-t.C // want(<1.23) "LG505: drain with `select" want(>=1.23) "LG505: since Go 1.23 Stop returns false only when"
			}
			t.Reset(d)
		}
	}
}
