package daemon

import "testing"

// Tests block goroutines on purpose.
func TestBlocked(t *testing.T) {
	go func() {
		select {}
	}()
	go func() {
		var c chan int
		<-c
	}()
}
