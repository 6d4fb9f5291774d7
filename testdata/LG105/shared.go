package conds

import (
	"context"
	"sync"
)

// A cache hands its Cond to every crumb it makes: a crumb waits on the cache's Cond, which the
// cache broadcasts, so the crumb's field is signalled though no code names it with Broadcast.
type cache struct {
	mu     sync.Mutex
	newer  *sync.Cond
	latest *crumb
}

type crumb struct {
	next     *crumb
	nextCond *sync.Cond
}

func newCache() *cache {
	c := &cache{}
	c.newer = sync.NewCond(&c.mu)
	c.latest = &crumb{nextCond: c.newer}
	return c
}

func (c *cache) add() {
	c.mu.Lock()
	c.latest.next = &crumb{nextCond: c.newer}
	c.latest = c.latest.next
	c.mu.Unlock()
	c.newer.Broadcast()
}

func (b *crumb) Next() *crumb {
	b.nextCond.L.Lock()
	for b.next == nil {
		b.nextCond.Wait()
	}
	b.nextCond.L.Unlock()
	return b.next
}

// A crumb of its own Cond, made fresh and never signalled, blocks forever.
type orphan struct {
	mu    sync.Mutex
	ready *sync.Cond
	done  bool
}

func newOrphan() *orphan {
	o := &orphan{}
	o.ready = sync.NewCond(&o.mu)
	return o
}

func (o *orphan) wait() {
	o.mu.Lock()
	for !o.done {
		o.ready.Wait() // want "LG105: `o.ready.Wait\\(\\)` blocks forever"
	}
	o.mu.Unlock()
}

// waitOnce unlocks and cancels after the Wait and returns: the re-check is its caller's loop.
type route struct {
	mu      sync.RWMutex
	cond    *sync.Cond
	version int
}

func newRoute() *route {
	r := &route{}
	r.cond = sync.NewCond(r.mu.RLocker())
	return r
}

func (r *route) bump() {
	r.mu.Lock()
	r.version++
	r.mu.Unlock()
	r.cond.Broadcast()
}

func (r *route) waitOnce(ctx context.Context, seen int) {
	_, cancel := context.WithCancel(ctx)
	r.mu.RLock()
	if r.version == seen {
		r.cond.Wait()
	}
	r.mu.RUnlock()
	cancel()
}

func (r *route) follow(ctx context.Context) {
	seen := 0
	for ctx.Err() == nil {
		r.waitOnce(ctx, seen)
		seen++
	}
}

// WaitAfter only unlocks after the Wait before it returns: the re-check is its callers'.
func (r *route) WaitAfter(seen int) {
	r.mu.RLock()
	if r.version == seen {
		r.cond.Wait()
	}
	r.mu.RUnlock()
}

// readNext unlocks and then acts on the state it waited for: no return follows the Wait, and
// another reader may have taken the version first.
func (r *route) readNext(seen int) int {
	r.mu.RLock()
	if r.version == seen {
		r.cond.Wait() // want "LG105: `r.cond.Wait\\(\\)` outside a loop"
	}
	r.mu.RUnlock()
	next := r.version
	return next
}

// A re-check loop spelled with goto: the Wait jumps back to the label, where the condition is
// checked again.
type ring struct {
	mu    sync.Mutex
	space *sync.Cond
	full  bool
}

func newRing() *ring {
	r := &ring{}
	r.space = sync.NewCond(&r.mu)
	return r
}

func (r *ring) take() {
	r.mu.Lock()
	r.full = false
	r.mu.Unlock()
	r.space.Signal()
}

func (r *ring) put() {
	r.mu.Lock()
entry:
	if r.full {
		r.space.Wait()
		goto entry
	}
	r.full = true
	r.mu.Unlock()
}

// A goto forward skips the re-check: the Wait is still outside any loop.
func (r *ring) putOnce() {
	r.mu.Lock()
	if r.full {
		r.space.Wait() // want "LG105: `r.space.Wait\\(\\)` outside a loop"
		goto done
	}
done:
	r.full = true
	r.mu.Unlock()
}

// A token Cond: take consumes the token after waiting, so the Wait is not the function's last
// word, but its one caller loops until it has what it came for.
type token struct {
	mu    sync.Mutex
	cond  *sync.Cond
	given bool
	work  []int
}

func newToken() *token {
	t := &token{}
	t.cond = sync.NewCond(&t.mu)
	return t
}

func (t *token) give(v int) {
	t.mu.Lock()
	t.work = append(t.work, v)
	t.given = true
	t.mu.Unlock()
	t.cond.Signal()
}

func (t *token) take() {
	t.mu.Lock()
	if !t.given {
		t.cond.Wait()
	}
	t.given = false
	t.mu.Unlock()
}

func (t *token) drain() int {
	for {
		t.take()
		t.mu.Lock()
		if len(t.work) > 0 {
			v := t.work[0]
			t.work = t.work[1:]
			t.mu.Unlock()
			return v
		}
		t.mu.Unlock()
	}
}

// takeOnce is the same wait, but its one caller calls it once and trusts it.
func (t *token) takeOnce() {
	t.mu.Lock()
	if !t.given {
		t.cond.Wait() // want "LG105: `t.cond.Wait\\(\\)` outside a loop"
	}
	t.given = false
	t.mu.Unlock()
}

func (t *token) first() int {
	t.takeOnce()
	return t.work[0]
}

