package main

import (
	"context"
	"time"
)

// A goroutine init starts and a helper main calls once run once per process: one context at
// most, which ends with the process (vet's contract, LG605, reports them).
func init() {
	go func() {
		ctx, _ := context.WithTimeout(context.Background(), time.Second) // want "LG605"
		<-ctx.Done()
	}()
}

func request() {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want "LG605"
	_ = ctx
}

// Called in main's loop, a dropped cancel leaks a context on every pass.
func poll() {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want "LG601: the cancel function returned by context.WithTimeout is discarded" "LG605"
	_ = ctx
}
