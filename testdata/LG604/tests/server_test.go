package tests

import (
	"context"
	"testing"
)

func runServer(ctx context.Context, t *testing.T) { _ = ctx }

// A test's deferred cancel is how it stops the server it started.
func TestEcho(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go runServer(ctx, t)
}
