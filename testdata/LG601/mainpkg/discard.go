package main

import (
	"context"
	"time"
)

// Outside main.main itself (a goroutine it starts, a helper it calls) a dropped cancel leaks.
func init() {
	go func() {
		ctx, _ := context.WithTimeout(context.Background(), time.Second) // want "LG601: the cancel function returned by context.WithTimeout is discarded"
		<-ctx.Done()
	}()
}

func request() {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want "LG601: the cancel function returned by context.WithTimeout is discarded"
	_ = ctx
}
