package poller

import (
	"context"
	"errors"
	"time"
)

// Checks the context in its select.
func Watch(ctx context.Context, updates <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case u := <-updates:
			_ = u
		}
	}
}

func fetch(ctx context.Context) (bool, error) { return true, ctx.Err() }

// Passes the context on: the blocking call returns when it ends.
func Retry(ctx context.Context) error {
	for {
		ok, err := fetch(ctx)
		if ok || err != nil {
			return err
		}
		time.Sleep(time.Second)
	}
}

// Uses a context derived from the parameter.
func Derived(parent context.Context, updates <-chan string) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-updates:
		}
	}
}

// Has a stop signal of its own.
func Stoppable(ctx context.Context, quit <-chan struct{}, jobs <-chan int) {
	for {
		select {
		case <-quit:
			return
		case j := <-jobs:
			_ = j
		}
	}
}

// A function without a context parameter has nothing to check.
func Forever(jobs <-chan int) {
	for {
		<-jobs
	}
}

// Waits on a channel but ends on its own when the client goes away.
func Stream(w interface{ Write([]byte) (int, error) }, ctx context.Context, updates <-chan string) {
	for {
		u := <-updates
		if _, err := w.Write([]byte(u)); err != nil {
			return
		}
	}
}

// A polling loop with a deadline of its own ends however long the caller waits.
func waitForSegments(ctx context.Context, ready func() bool) error {
	end := time.Now().Add(15 * time.Second)
	wait := 10 * time.Millisecond
	for {
		if ready() {
			return nil
		}
		if time.Now().Add(wait).After(end) {
			return errors.New("timeout waiting for segments")
		}
		time.Sleep(wait)
		wait *= 2
	}
}

// The clock read in the if's initializer.
func waitUntilReady(ctx context.Context, ready func() bool) error {
	start := time.Now()
	for {
		if ready() {
			return nil
		}
		if waited := time.Since(start); waited > time.Minute {
			return errors.New("not ready after a minute")
		}
		time.Sleep(time.Second)
	}
}
