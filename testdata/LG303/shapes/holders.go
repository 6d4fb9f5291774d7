package shapes

import "sync"

// The struct types that hold a sync.WaitGroup by value come from the package's index of
// struct fields (and the types declared in a function), not from the text around them.

type direct struct{ wg sync.WaitGroup }

// An array holds its elements by value: copying pair copies two groups.
type pair struct{ members [2]direct }

func (p pair) wait() { p.members[0].wg.Wait() } // want "LG303: receiver `p` copies a `pair`"

type generic[T any] struct {
	wg    sync.WaitGroup
	value T
}

func waitFor(g generic[int]) { g.wg.Wait() } // want "LG303: parameter `g` copies a `generic`"

func local(items []int) {
	type job struct {
		wg sync.WaitGroup
		n  int
	}
	run := func(j job) { j.wg.Wait() } // want "LG303: parameter `j` copies a `job`"
	run(job{n: len(items)})
}

func waitRemote(r remote[string]) { r.wg.Wait() } // want "LG303: parameter `r` copies a `remote`"

// A type declared in a function shadows the package's for that function only: `direct`
// below holds nothing, but the package's `direct` still does for everyone else.
func shadow() {
	type direct struct{ n int }
	use := func(d direct) int { return d.n }
	_ = use(direct{})
}

type outer struct{ inner struct{ d direct } }

func (o outer) wait() { o.inner.d.wg.Wait() } // want "LG303: receiver `o` copies a `outer`"
