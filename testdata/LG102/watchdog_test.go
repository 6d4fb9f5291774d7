package fetch

import (
	"testing"
	"time"
)

func slowWork() int { return 1 }

// The receive is skipped only when the test has already failed: a watchdog.
func TestWatchdog(t *testing.T) {
	done := make(chan int)
	go func() {
		done <- slowWork()
	}()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Error("work took too long")
		return
	}
}

// Skipped on a path that does not fail the test: the sender blocks forever.
func TestSkipsQuietly(t *testing.T) {
	done := make(chan int)
	go func() {
		done <- slowWork()
	}()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Log("slow; giving up")
		return
	}
}

// Skipped before anything runs: the goroutine is never started.
func TestSkippedWhole(t *testing.T) {
	t.Skip("the implementation is broken")
	done := make(chan int)
	go func() {
		done <- slowWork()
	}()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Log("slow; giving up")
		return
	}
}

// Skipped only sometimes: when it runs, the sender can block forever.
func TestSkippedShort(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	done := make(chan int)
	go func() {
		done <- slowWork()
	}()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Log("slow; giving up")
		return
	}
}
