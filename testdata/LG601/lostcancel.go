package lostcancel

import (
	"context"
	"errors"
	stdctx "context"
	"time"
)

func Cached() bool { return false }

func Call(ctx context.Context) error { return ctx.Err() }

// An early return skips the deferred cancel.
func EarlyReturn(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want "LG601: cancel function returned by context.WithTimeout is not used on all paths: the return at line 18" "LG605"
	if Cached() {
		return nil // want "LG601: this return can be reached without calling cancel" "LG605"
	}
	defer cancel()
	return Call(ctx)
}

// The cancel function is thrown away.
func Discarded(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601: discarded" "LG605"
	_ = Call(ctx)
}

// An aliased import of context is still context.
func Aliased(parent context.Context) error {
	ctx, cancel := stdctx.WithDeadline(parent, time.Now()) // want "LG601" "LG605"
	if err := Call(ctx); err != nil {
		return err // want "LG601" "LG605"
	}
	cancel()
	return nil
}

// Cancelled only in one branch of a switch.
func SwitchBranch(parent context.Context, mode int) {
	ctx, cancel := context.WithCancelCause(parent) // want "LG601" "LG605"
	switch mode {
	case 1:
		cancel(errors.New("done"))
	case 2:
		_ = Call(ctx)
	}
} // want "LG601: this return" "LG605"

// A labelled break leaves the loop before cancel runs.
func LabelledBreak(parent context.Context, items []int) {
	ctx, cancel := context.WithTimeout(parent, time.Minute) // want "LG601" "LG605"
outer:
	for _, item := range items {
		for {
			if item > 3 {
				break outer
			}
			_ = Call(ctx)
			break
		}
	}
	return // want "LG601" "LG605"
	cancel()
}

// The var form, inside a function literal: a function value runs as often as whoever holds it
// likes.
var handler = func(parent context.Context) {
	var ctx, cancel = context.WithCancel(parent) // want "LG601" "LG605"
	if ctx.Err() == nil {
		return // want "LG601" "LG605"
	}
	cancel()
}

// A loop over a ticker never ends: the cancel is called when mastership is lost, and the end
// of the function cannot be reached without it.
func ElectLoop(ticker <-chan struct{}, isMaster func() bool, start func(context.Context)) {
	var stop context.CancelFunc
	for range time.Tick(time.Minute) {
		if isMaster() && stop == nil {
			var ctx context.Context
			ctx, stop = context.WithCancel(context.Background())
			go start(ctx)
		} else if !isMaster() && stop != nil {
			stop()
			stop = nil
		}
	}
}

// A channel field that happens to be called C is no ticker's: the loop ends when its owner
// closes it, and the end of the function leaks the cancel.
type feed struct{ C chan int }

func DrainFeed(f *feed, start func(context.Context)) {
	ctx, cancel := context.WithCancel(context.Background()) // want "LG601: the cancel function returned by context.WithCancel is not used on all paths" "LG605"
	go start(ctx)
	for range f.C {
	}
	if f.C == nil {
		cancel()
	}
} // want "LG601: this return can be reached without calling cancel" "LG605"
