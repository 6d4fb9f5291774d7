package lostcancel

import (
	"context"
	"errors"
	"time"
)

// The timeout's parent is a context the function derives and cancels on every path:
// cancelling it cancels the child and stops its timer (dagger's and buildkit's idiom).
func CheckOnce(ctx context.Context, check func(context.Context) error) error {
	checkCtx, cancel := context.WithCancelCause(ctx)
	checkCtx, _ = context.WithTimeoutCause(checkCtx, time.Second, context.DeadlineExceeded) // want "LG605"
	err := check(checkCtx)
	cancel(errors.New("done"))
	return err
}

func CheckDeferred(ctx context.Context, check func(context.Context) error) error {
	parent, cancel := context.WithCancel(ctx)
	defer cancel()
	child, _ := context.WithTimeout(parent, time.Second) // want "LG605"
	return check(child)
}

// A parent whose own cancel is lost on a path releases nothing there: both are reported.
func CheckLeaky(ctx context.Context, check func(context.Context) error, skip bool) error {
	parent, cancel := context.WithCancel(ctx) // want "LG601" "LG605"
	child, _ := context.WithTimeout(parent, time.Second) // want "LG601: discarded" "LG605"
	if skip {
		return nil // want "LG601" "LG605"
	}
	defer cancel()
	return check(child)
}

// A child of a parameter is the caller's to release: unknown here, and reported.
func CheckParam(parent context.Context, check func(context.Context) error) error {
	child, _ := context.WithTimeout(parent, time.Second) // want "LG601: discarded" "LG605"
	return check(child)
}

// WithCancel of Background() has no timer and no parent that lists it: lost, it is garbage,
// unless a goroutine waits on its Done.
func Lookup(query func(context.Context) error, fail bool) error {
	ctx, cancel := context.WithCancel(context.Background()) // want "LG605"
	if fail {
		return errors.New("no") // want "LG605"
	}
	defer cancel()
	return query(ctx)
}

func Watch(fail bool) error {
	ctx, cancel := context.WithCancel(context.Background()) // want "LG601" "LG605"
	go func() {
		<-ctx.Done()
	}()
	if fail {
		return errors.New("no") // want "LG601" "LG605"
	}
	cancel()
	return nil
}

// A same-package helper that waits for cancellation keeps the context's watcher.
func loop(ctx context.Context) {
	<-ctx.Done()
}

func Serve(fail bool) error {
	ctx, cancel := context.WithCancel(context.WithoutCancel(context.TODO())) // want "LG601" "LG605"
	loop(ctx)
	if fail {
		return errors.New("no") // want "LG601" "LG605"
	}
	cancel()
	return nil
}
