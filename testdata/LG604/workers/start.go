package workers

import (
	"context"
	"sync"
	"time"
)

// The scheduler's run loop (in loop.go) ends on ctx.Done(): cancel is how it is stopped.
func startScheduler(parent context.Context, s *scheduler) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go s.run(ctx)
	s.schedule()
}

// A literal whose loop selects on ctx.Done() is a worker told to stop by the cancel.
func poll(parent context.Context, tick <-chan time.Time) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
				refresh(ctx)
			}
		}
	}()
	refresh(ctx)
}

// The deferred cleanup cancels and then waits for the goroutine.
func cancelThenWait(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		flush(ctx)
	}()
}

// Code of another package may be a run loop: unknown, silent.
func handOff(parent context.Context, run func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go run(ctx)
}

// Finite work in a helper of this package, cut off by the cancel on return.
func exportLater(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	go flush(ctx) // want "LG604: goroutine uses `ctx`"
}
