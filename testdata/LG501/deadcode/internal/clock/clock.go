// Package clock is internal: only this module can call it.
package clock

import (
	"context"
	"time"
)

// Nothing in the module calls or names Unused: it never runs, so it leaks nothing.
func Unused(ctx context.Context) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick runs on every request of the app: each leaks a ticker.
func Tick(ctx context.Context, beat func()) {
	t := time.NewTicker(time.Second) // want "LG501"
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			beat()
		}
	}
}
