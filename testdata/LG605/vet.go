package vet

import (
	"context"
	"net/http"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// vet's contract: every cancel is used on every path, whatever the context holds and however
// often the code runs. None of these is called: LG601 leaves dead code alone, vet does not.
func discarded(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG605: the cancel function returned by context.WithCancel should be called, not discarded"
	_ = call(ctx)
}

func earlyReturn(ctx context.Context, cached bool) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want "LG605: the cancel function is not used on all paths \\(possible context leak\\): the return at line 21 is reached without it"
	if cached {
		return nil // want "LG605: this return can be reached without using the cancel defined on line 19"
	}
	defer cancel()
	return call(ctx)
}

// Past `<-ctx.Done()` the context is over, but vet does not know it: the path is reported.
func waitOrGiveUp(parent context.Context, results chan int) int {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "LG605"
	select {
	case <-ctx.Done():
		return 0 // want "LG605"
	case v := <-results:
		cancel()
		return v
	}
}

// A child of the request's context is cancelled by the server; vet reports it all the same.
func handle(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithTimeout(r.Context(), time.Minute) // want "LG605"
	_ = call(ctx)
}

// The end of the function is a return too.
func fallsOff(parent context.Context, ok bool) {
	ctx, cancel := context.WithCancelCause(parent) // want "LG605: the end of the function \\(line 52\\)"
	_ = ctx
	if ok {
		cancel(nil)
	}
} // want "LG605"
