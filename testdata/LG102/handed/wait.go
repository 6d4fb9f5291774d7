package handed

import (
	"context"
	"errors"
	"time"
)

// The sender is a function of the package (in send.go): it blocks forever after a timeout.
func WithTimeout(ctx context.Context) (int, error) {
	res := make(chan int)
	go FetchInto(ctx, res) // want "LG102: goroutine `FetchInto` sends on unbuffered channel `res`; the function can return at line 17 \\(on timeout\\)"
	select {
	case r := <-res:
		return r, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// The same through a method and two calls down.
func (w *worker) Wait(ctx context.Context) (int, error) {
	res := make(chan int)
	go w.Relay(ctx, res) // want "LG102: goroutine `Relay` sends"
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A sender that gives up with the context does not leak.
func PoliteSender(ctx context.Context) (int, error) {
	res := make(chan int)
	go OfferInto(ctx, res)
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// One slot: the single send never blocks.
func Buffered(ctx context.Context) (int, error) {
	res := make(chan int, 1)
	go FetchInto(ctx, res)
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Always received: no early return.
func AlwaysReceived(ctx context.Context) int {
	res := make(chan int)
	go FetchInto(ctx, res)
	return <-res
}

// Handed to code of another package: Unknown, silent.
func Unknown(ctx context.Context, start func(chan int)) (int, error) {
	res := make(chan int)
	go start(res)
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
