package timers

import (
	"context"
	"time"
)

func poll(ctx context.Context) error {
	t := time.NewTicker(time.Second) // want "LG501: the ticker t is not stopped on every path: the return at line 13"
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			check()
		}
	}
}

func oneBranch(ctx context.Context, fast bool) {
	t := time.NewTicker(time.Second) // want "LG501"
	if fast {
		defer t.Stop()
	}
	<-t.C
}

func channelOnly(ctx context.Context) {
	for range time.NewTicker(time.Second).C { // want "LG501: this ticker can never be stopped"
		if check() {
			return
		}
	}
}

func check() bool { return true }

// The deferred Stop evaluated `t` when it ran: it stops the first ticker, not the second.
func replaced(ctx context.Context, faster time.Duration) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			t.Stop()
			t = time.NewTicker(faster) // want "LG501: `defer t.Stop\\(\\)` on line 41 stops the ticker t held when the defer ran"
		}
	}
}

// A return in the loop leaves it with the ticker running, panic or not elsewhere.
func rangeUntilError(push func() error) error {
	t := time.NewTicker(time.Second) // want "LG501: the ticker t is not stopped on every path: the return at line 58"
	for range t.C {
		if err := push(); err != nil {
			return err
		}
		if push == nil {
			panic("no pusher")
		}
	}
	return nil
}
