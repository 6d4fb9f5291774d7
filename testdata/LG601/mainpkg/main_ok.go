package main

import (
	"context"
	"time"
)

// Returning from main.main exits the process: no need to cancel, nor to keep the cancel.
func main() {
	ctx, cancel := context.WithCancel(context.Background())
	if ctx.Err() != nil {
		cancel()
	}
	call, _ := context.WithTimeout(ctx, time.Second) // want "LG605"
	_ = call
	request()
	for ctx.Err() == nil {
		poll()
	}
}
