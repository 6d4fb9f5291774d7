package conds

import "sync"

// Signalled by a closure.
func signalledByClosure(done func(func())) {
	var mu sync.Mutex
	ready := false
	c := sync.NewCond(&mu)
	done(func() {
		mu.Lock()
		ready = true
		mu.Unlock()
		c.Broadcast()
	})
	mu.Lock()
	for !ready {
		c.Wait()
	}
	mu.Unlock()
}

// Handed to a helper that may signal it.
type pool struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

func (p *pool) wait() {
	p.mu.Lock()
	for p.n == 0 {
		p.cond.Wait()
	}
	p.mu.Unlock()
}

func (p *pool) start() { go release(p.cond) }

func release(c *sync.Cond) { c.Signal() }

// Not a Cond: a WaitGroup's Wait.
func group(wg *sync.WaitGroup) { wg.Wait() }
