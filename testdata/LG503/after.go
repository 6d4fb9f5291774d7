package timers

import (
	"errors"
	"time"
)

func idle(in <-chan int) error {
	for {
		select {
		case v := <-in:
			handle(v)
		case <-time.After(time.Minute): // want "LG503: time.After in a loop's select creates a timer every iteration"
			return errors.New("idle")
		}
	}
}

func nonBlocking(in <-chan int) {
	for i := 0; i < 10; i++ {
		select {
		case <-time.After(time.Second): // want "LG503"
		default:
		}
	}
}

func handle(int) {}

// A second or more is reported.
func pollSlowly(in <-chan int) {
	for {
		select {
		case v := <-in:
			handle(v)
		case <-time.After(2 * time.Second): // want "LG503"
		}
	}
}
