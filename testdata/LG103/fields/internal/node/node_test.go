package node

import "testing"

func TestHook(t *testing.T) {
	n := New(nil)
	close(n.hook)
	n.hooked()
}

// A test whose own body blocks forever hangs `go test`.
func TestWaits(t *testing.T) {
	n := New(nil)
	<-n.Done() // want "LG103: receive from `n.Done\\(\\)` blocks forever"
}

// A goroutine the test leaks does not hang it.
func TestLeaks(t *testing.T) {
	n := New(nil)
	go func() { <-n.Done() }()
}
