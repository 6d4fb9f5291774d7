package recover

import (
	"errors"
	"fmt"
	"time"
)

var errTimeout = errors.New("timeout")

func Query() (string, error) { return "", nil }

func Cleanup() {}

// The deferred send runs only when the goroutine panics, and it cannot panic once it has sent:
// each run sends once, and the buffer holds it.
func Query() (string, error) {
	type result struct {
		value string
		err   error
	}
	results := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				results <- result{err: fmt.Errorf("query panicked: %v", r)}
			}
		}()
		value, err := Query()
		if err != nil {
			results <- result{err: err}
			return
		}
		results <- result{value: value}
	}()
	select {
	case r := <-results:
		return r.value, r.err
	case <-time.After(time.Second):
		return "", errTimeout
	}
}

// cleanup may panic after the send: that run sends twice into one slot, and the second blocks.
func QueryAndClean() (string, error) {
	results := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				results <- fmt.Errorf("panicked: %v", r) // want "LG102: goroutine started on line 47 sends on capacity-1 channel `results`"
			}
		}()
		_, err := Query()
		results <- err
		Cleanup()
	}()
	select {
	case err := <-results:
		return "", err
	case <-time.After(time.Second):
		return "", errTimeout
	}
}
