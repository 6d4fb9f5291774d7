package fields

import "context"

// A WithCancel of Background() has no timer and no parent that lists it: kept in a field that
// nothing reads, its lost cancel holds nothing and nothing waits on it (a dead field).
type Pool struct {
	ctx    context.Context
	cancel context.CancelFunc
	work   chan func()
}

func NewPool() *Pool {
	ctx, cancel := context.WithCancel(context.Background())
	return &Pool{ctx: ctx, cancel: cancel, work: make(chan func())}
}

func (p *Pool) Stop() { close(p.work) }

// Read by the loop it starts, the same context is waited on: its lost cancel is reported.
type Ticker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func NewTicker() *Ticker {
	t := &Ticker{}
	t.ctx, t.cancel = context.WithCancel(context.Background()) // want "LG601: kept in `t.cancel`"
	go func() { <-t.ctx.Done() }()
	return t
}

func (t *Ticker) Stop() {}
