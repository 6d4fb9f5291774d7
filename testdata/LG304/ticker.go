package waitgroups

import (
	"sync"
	"time"
)

func flush() {}

// One job per tick, joined before the next tick: the loop has no end to wait after, and the
// Wait keeps two flushes from overlapping.
func flushEveryTick(ticker *time.Ticker) {
	var wg sync.WaitGroup
	for range ticker.C {
		wg.Add(1)
		go func() {
			defer wg.Done()
			flush()
		}()
		wg.Wait()
	}
}

func flushOnTick(d time.Duration) {
	var wg sync.WaitGroup
	for range time.Tick(d) {
		wg.Add(1)
		go func() { defer wg.Done(); flush() }()
		wg.Wait()
	}
}

// Each round starts a writer per source in an inner loop, then one more goroutine, and joins
// them all: they run side by side, a fork and join per round.
func rounds(sources []string, n int) {
	for i := 0; i < n; i++ {
		var wg sync.WaitGroup
		for _, source := range sources {
			wg.Add(1)
			go func(s string) {
				defer wg.Done()
				_ = s
			}(source)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			flush()
		}()
		wg.Wait()
	}
}

// A batch checked one at a time: the Wait sits in the loop that starts each check.
func checkAll(services []string) {
	for i := 0; i < len(services); i += 10 {
		var wg sync.WaitGroup
		for j := i; j < i+10 && j < len(services); j++ {
			wg.Add(1)
			go func(s string) {
				defer wg.Done()
				_ = s
			}(services[j])
			wg.Wait() // want "LG304: `wg.Wait\\(\\)` inside the loop that starts the goroutines"
		}
	}
}
