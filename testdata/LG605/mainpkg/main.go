package main

import (
	"context"
	"time"
)

// Returning from main.main ends the process: its paths are not checked, but a cancel thrown
// away is reported there too, as vet does.
func main() {
	ctx, cancel := context.WithCancel(context.Background())
	if ctx.Err() != nil {
		return
	}
	cancel()
	timeout, _ := context.WithTimeout(context.Background(), time.Second) // want "LG605: should be called, not discarded"
	_ = timeout
}
