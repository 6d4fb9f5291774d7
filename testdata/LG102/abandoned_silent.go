package fetch

import (
	"context"
	"sync"
	"time"
)

// A buffered channel with room for the one send: the sender never blocks.
func Buffered(ctx context.Context) (result, error) {
	res := make(chan result, 1)
	go func() { res <- Get(ctx) }()
	select {
	case r := <-res:
		return r, nil
	case <-time.After(time.Second):
		return result{}, ctx.Err()
	}
}

// The sender gives up when the context ends.
func SendSelects(ctx context.Context) (result, error) {
	res := make(chan result)
	go func() {
		select {
		case res <- Get(ctx):
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// Every path receives.
func AlwaysReceives(ctx context.Context) result {
	res := make(chan result)
	go func() { res <- Get(ctx) }()
	return <-res
}

// Results drained in a loop, one per goroutine.
func FanIn(ctx context.Context, n int) []result {
	results := make(chan result)
	for i := 0; i < n; i++ {
		go func() { results <- Get(ctx) }()
	}
	out := make([]result, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, <-results)
	}
	return out
}

type group struct{ wg sync.WaitGroup }

func (g *group) Go(f func() error) { g.wg.Add(1); go func() { defer g.wg.Done(); _ = f() }() }
func (g *group) Wait() error       { g.wg.Wait(); return nil }

// errgroup style: the group waits for its functions; no go statement sends.
func ErrgroupStyle(ctx context.Context) error {
	var g group
	res := make(chan result)
	g.Go(func() error {
		res <- Get(ctx)
		return nil
	})
	go func() { _ = g.Wait(); close(res) }()
	for range res {
	}
	return nil
}

// The channel is handed to another function, which may drain it.
func HandedAway(ctx context.Context, sink func(chan result)) {
	res := make(chan result)
	go func() { res <- Get(ctx) }()
	sink(res)
}

// A capacity computed at run time is assumed to fit.
func Sized(ctx context.Context, n int) error {
	errc := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() { errc <- Validate() }()
	}
	if n > 3 {
		return nil
	}
	return <-errc
}

// One slot is enough when the sends sit on exclusive paths: only one runs.
func ExclusiveSends(ctx context.Context, accept func() (int, error)) (int, error) {
	conn := make(chan any, 1)
	go func() {
		c, err := accept()
		if err != nil {
			conn <- err
			return
		}
		conn <- c
	}()
	select {
	case v := <-conn:
		if err, ok := v.(error); ok {
			return 0, err
		}
		return v.(int), nil
	case <-time.After(time.Second):
		return 0, ctx.Err()
	}
}

// close in the goroutine is not a second send.
func ClosesToo(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		errc <- Validate()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(time.Second):
		return ctx.Err()
	}
}
