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

var started uint32

func cas(p *uint32, old, new uint32) bool { return true }

// A singleton started once per process, behind package-level state.
func StartOnce(events <-chan event) {
	if started == 0 && cas(&started, 0, 1) {
		go func() {
			for {
				handle(<-events)
			}
		}()
	}
}

type once struct{}

func (once) Do(f func()) { f() }

var flusherOnce once

// Under sync.Once.
func StartFlusherOnce(events <-chan event) {
	flusherOnce.Do(func() {
		go func() {
			for {
				handle(<-events)
			}
		}()
	})
}
