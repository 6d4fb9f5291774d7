package main

import "context"

func work(ctx context.Context) { _ = ctx.Err() }

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go work(ctx)
}
