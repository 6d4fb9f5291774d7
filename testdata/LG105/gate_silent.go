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

// The function returns right after the Wait: its caller loops until there is data.
type pipe struct {
	mu  sync.Mutex
	cnd *sync.Cond
	buf []byte
}

func (p *pipe) readOrBlock(b []byte) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.buf) == 0 {
		p.cnd.Wait()
		return 0
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	return n
}

func (p *pipe) writeOrBlock(b []byte) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.buf) > 64 {
		// Wait for room, then write whether there is room or not.
		p.cnd.Wait() // want "LG105: `p.cnd.Wait\\(\\)` outside a loop"
	}
	p.buf = append(p.buf, b...)
	p.cnd.Broadcast()
	return len(b)
}

func (p *pipe) Read(b []byte) int {
	n := 0
	for n == 0 {
		n = p.readOrBlock(b)
	}
	p.cnd.Signal()
	return n
}

// A Cond parameter: the caller signals it.
func waitOn(c *sync.Cond, ready func() bool) {
	c.L.Lock()
	for !ready() {
		c.Wait()
	}
	c.L.Unlock()
}
