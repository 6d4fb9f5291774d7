package fetch

import (
	"context"
	"errors"
	"time"
)

type result struct{ body string }

func Get(ctx context.Context) result { return result{} }

// The receive sits in a select whose other case is a timeout.
func WithTimeout(ctx context.Context) (result, error) {
	res := make(chan result)
	go func() {
		res <- Get(ctx) // want "LG102: goroutine started on line 16 sends on unbuffered channel `res`; the function can return at line 23 \\(on timeout\\)"
	}()
	select {
	case r := <-res:
		return r, nil
	case <-time.After(time.Second):
		return result{}, errors.New("timeout")
	}
}

// The other case is the context ending.
func WithCancel(ctx context.Context) (result, error) {
	res := make(chan result, 0)
	go func() { res <- Get(ctx) }() // want "LG102: \\(on cancellation\\)"
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// A done channel as the sibling case.
func WithDone(ctx context.Context, done <-chan struct{}) result {
	res := make(chan result)
	go func() {
		res <- Get(ctx) // want "LG102"
	}()
	select {
	case r := <-res:
		return r
	case <-done:
		return result{}
	}
}

func Validate() error { return nil }

// An early return between the go statement and the receive.
func EarlyReturn(ctx context.Context) (result, error) {
	res := make(chan result)
	go func() {
		res <- Get(ctx) // want "LG102: can return at line 62 \\(early\\)"
	}()
	if err := Validate(); err != nil {
		return result{}, err
	}
	return <-res, nil
}

// A buffer of one does not cover two sends.
func TwoSends(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		errc <- Validate() // want "LG102: capacity-1 channel `errc`"
		errc <- Validate()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
