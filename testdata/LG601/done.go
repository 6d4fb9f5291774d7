package lostcancel

import (
	"context"
	"time"
)

// Past `<-ctx.Done()` the context is over: it has let go of its timer and its parent.
func WaitOrGiveUp(parent context.Context, results chan int) int {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "LG601" "LG605"
	select {
	case <-ctx.Done():
		return 0 // want "LG605"
	case v := <-results:
		return v // want "LG601: this return can be reached without calling cancel"
	}
}

func WaitDone(parent context.Context, results chan int) int {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "LG605"
	select {
	case <-ctx.Done():
		return 0 // want "LG605"
	case v := <-results:
		cancel()
		return v
	}
}

// The parent's Done says nothing of the child's timer.
func WaitParent(parent context.Context, results chan int) int {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "LG601" "LG605"
	_ = ctx
	select {
	case <-parent.Done():
		return 0 // want "LG601" "LG605"
	case v := <-results:
		cancel()
		return v
	}
}
