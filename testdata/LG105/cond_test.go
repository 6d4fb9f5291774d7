package conds

import (
	"sync"
	"testing"
)

// A test waits once to observe the wake-up itself.
func TestWakes(t *testing.T) {
	c := sync.NewCond(&sync.Mutex{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.L.Lock()
		defer c.L.Unlock()
		c.Wait()
	}()
	c.Broadcast()
	<-done
}
