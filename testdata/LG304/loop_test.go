package waitgroups

import (
	"sync"
	"testing"
)

// A test that deadlocks hangs `go test` until its timeout.
func TestCountedUpFront(t *testing.T) {
	items := []string{"a", "b"}
	var wg sync.WaitGroup
	wg.Add(len(items))
	for range items {
		go wg.Done()
		wg.Wait() // want "LG304: `wg.Wait\\(\\)` inside the loop blocks forever"
	}
}

// Serialised on purpose: a benchmark of goroutine start-up.
func BenchmarkStart(b *testing.B) {
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		go wg.Done()
		wg.Wait()
	}
}
