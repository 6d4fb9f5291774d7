package tests

import (
	"context"
	"testing"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// A _test.go file runs only in `go test`'s binary: a discarded timeout cancel is released at
// its deadline and cannot hang or fail the test (go vet's lostcancel still reports it).
func TestDiscardedTimeout(t *testing.T) {
	ctx, _ := context.WithTimeout(context.Background(), 100*time.Millisecond) // want "LG605"
	if err := call(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCancelOnSomePaths(t *testing.T) {
	for i := 0; i < 10; i++ {
		ctx, cancel := context.WithCancel(context.Background()) // want "LG605"
		if i%2 == 0 {
			cancel()
		}
		_ = call(ctx)
		if i%2 == 1 {
			cancel()
		}
	}
} // want "LG605"
