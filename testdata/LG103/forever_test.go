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

// A child-process branch that parks until the parent test kills it: it means to.
func TestChildProcess(t *testing.T) {
	stop := make(chan struct{})
	<-stop
}
