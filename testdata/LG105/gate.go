package conds

import "sync"

// Nothing in the package ever signals ready: Open sets the flag and forgets to Broadcast.
type gate struct {
	mu    sync.Mutex
	ready *sync.Cond
	open  bool
}

func newGate() *gate {
	g := &gate{}
	g.ready = sync.NewCond(&g.mu)
	return g
}

func (g *gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
}

func (g *gate) Wait() {
	g.mu.Lock()
	for !g.open {
		g.ready.Wait() // want "LG105: `g.ready.Wait\\(\\)` blocks forever: nothing in the package calls `g.ready.Signal\\(\\)` or `Broadcast\\(\\)`"
	}
	g.mu.Unlock()
}

func local() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	c.L.Lock()
	c.Wait() // want "LG105: `c.Wait\\(\\)` blocks forever"
	c.L.Unlock()
}
