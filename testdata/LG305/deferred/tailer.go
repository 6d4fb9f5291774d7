package deferred

import "sync"

// tailer's copy goroutine says Done first in its deferred literal and only then calls stop,
// which takes mu: stop's Wait under mu is not waiting on it (alloy's docker tailer).
type tailer struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	running bool
	lines   chan string
}

func (t *tailer) start() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.running = true
	t.wg.Add(1)
	go func() {
		defer func() {
			t.wg.Done()
			t.stop()
		}()
		for line := range t.lines {
			_ = line
		}
	}()
}

func (t *tailer) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.running {
		t.running = false
		t.wg.Wait()
	}
}

// reader's goroutine takes mu in its body, before the deferred literal says Done.
type reader struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	lines chan string
	seen  int
}

func (r *reader) start() {
	r.wg.Add(1)
	go func() {
		defer func() {
			r.wg.Done()
		}()
		for range r.lines {
			r.mu.Lock()
			r.seen++
			r.mu.Unlock()
		}
	}()
}

func (r *reader) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.wg.Wait() // want "LG305: `r.wg.Wait\\(\\)` while holding `r.mu` \\(locked on line 62\\)"
}
