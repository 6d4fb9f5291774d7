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
