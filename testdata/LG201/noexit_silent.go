package worker

import (
	"context"
	"errors"
)

// Returns when the context ends.
func Good(ctx context.Context, events <-chan event) {
	go func() {
		for {
			select {
			case ev := <-events:
				handle(ev)
			case <-ctx.Done():
				return
			}
		}
	}()
}

// A labelled break leaves the loop.
func Labelled(events <-chan event, stop <-chan struct{}) {
	go func() {
	loop:
		for {
			select {
			case ev := <-events:
				handle(ev)
			case <-stop:
				break loop
			}
		}
	}()
}

// Ends when the channel is closed.
func UntilClosed(events <-chan event) {
	go func() {
		for {
			ev, ok := <-events
			if !ok {
				return
			}
			handle(ev)
		}
	}()
}

// Ends by panicking.
func Panics(events <-chan event) {
	go func() {
		for {
			if _, ok := <-events; !ok {
				panic(errors.New("closed"))
			}
		}
	}()
}

// A range over a channel ends when it is closed.
func Ranges(events <-chan event) {
	go func() {
		for ev := range events {
			handle(ev)
		}
	}()
}
