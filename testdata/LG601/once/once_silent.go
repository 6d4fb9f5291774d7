package main

import (
	"context"
	"time"
)

// Called once, from main: one context at most, which ends with the process (vet's contract,
// LG605, still reports it).
func setup() {
	ctx, _ := context.WithTimeout(context.Background(), time.Minute) // want "LG605"
	_ = ctx
	connect()
}

// Reached only from setup: once too.
func connect() {
	ctx, cancel := context.WithCancel(context.Background()) // want "LG605"
	if ctx.Err() != nil {
		return // want "LG605"
	}
	cancel()
}

// Nothing calls it: dead code holds nothing.
func unused() {
	ctx, _ := context.WithCancel(context.Background()) // want "LG605"
	_ = ctx
}
