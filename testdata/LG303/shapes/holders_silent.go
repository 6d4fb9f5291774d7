package shapes

import "sync"

// None of these holds a group by value: copying them shares or holds no counter.
type groups struct{ all []sync.WaitGroup }

type byName struct{ m map[string]direct }

type feed struct{ c chan direct }

type hook struct{ f func(sync.WaitGroup) }

// A field named like a holder type, holding a pointer.
type linked struct{ direct *direct }

type commented struct {
	/* wg sync.WaitGroup */
	n int
}

func (g groups) count() int   { return len(g.all) }
func (b byName) count() int   { return len(b.m) }
func (f feed) count() int     { return cap(f.c) }
func (h hook) ready() bool    { return h.f != nil }
func (l linked) ready() bool  { return l.direct != nil }
func (c commented) size() int { return c.n }
