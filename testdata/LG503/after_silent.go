package timers

import (
	"context"
	"time"
)

// Every other case leaves the loop: each timer fires or is the last one.
func retry(ctx context.Context, try func() bool) error {
	for !try() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return nil
}

func once(in <-chan int) {
	select {
	case v := <-in:
		handle(v)
	case <-time.After(time.Second):
	}
}

func reused(in <-chan int) {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	for {
		select {
		case v := <-in:
			handle(v)
			t.Reset(time.Minute)
		case <-t.C:
			return
		}
	}
}

func loopBreaks(in <-chan int) {
loop:
	for {
		select {
		case <-in:
			break loop
		case <-time.After(time.Second):
			handle(0)
		}
	}
}

// The other cases are one-shot signals: each abandons one timer at most.
func heartbeat(notify, stop <-chan struct{}, send func()) {
	for {
		select {
		case <-notify:
		case <-time.After(time.Second):
		case <-stop:
			return
		}
		send()
		select {
		case <-time.After(time.Second):
		case <-stop:
		}
	}
}

// A timer under a second is gone within the second: nothing piles up.
func poll(in <-chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-time.After(time.Microsecond):
		case <-time.After(100 * time.Millisecond):
		case <-time.After(time.Duration(500) * time.Microsecond):
		}
	}
}
