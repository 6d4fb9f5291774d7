package main

import "context"

// Returning from main.main exits the process: no need to cancel.
func main() {
	ctx, cancel := context.WithCancel(context.Background())
	if ctx.Err() != nil {
		cancel()
	}
}
