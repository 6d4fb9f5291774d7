package constants

import (
	"context"
	"errors"
	"time"
)

func Get(ctx context.Context) int { return 1 }

// A constant capacity of zero is unbuffered: the sender is abandoned on timeout.
func ZeroByName(ctx context.Context) (int, error) {
	res := make(chan int, noBuffer)
	go func() {
		res <- Get(ctx) // want "LG102: sends on unbuffered channel `res`"
	}()
	select {
	case r := <-res:
		return r, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// One slot by name: the single send never blocks.
func OneByName(ctx context.Context) (int, error) {
	res := make(chan int, oneResult)
	go func() { res <- Get(ctx) }()
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A computed constant (oneResult * 4) has room for both sends.
func Computed(ctx context.Context) (int, error) {
	res := make(chan int, batch)
	go func() {
		res <- Get(ctx)
		res <- Get(ctx)
	}()
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A local constant works the same.
func Local(ctx context.Context) (int, error) {
	const slots = 0
	res := make(chan int, slots)
	go func() { res <- Get(ctx) }() // want "LG102"
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
