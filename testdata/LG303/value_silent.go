package waitgroups

import "sync"

func pointerWorker(wg *sync.WaitGroup, jobs <-chan int) {
	defer wg.Done()
	for range jobs {
	}
}

type holder struct {
	wg   *sync.WaitGroup
	name string
}

// Holds a pointer: copies share the group.
func (h holder) Name() string { return h.name }

func (s *service) Stop() { s.workers.Wait() }

// A constructor returning a fresh zero group by value is common and harmless.
func newGroup() group { return group{name: "g"} }

func byIndex(groups []group) {
	for i := range groups {
		groups[i].Add(1)
	}
	for _, g := range []*group{} {
		g.Add(1)
	}
}

// A type named WaitGroup from another package is not sync's.
type WaitGroup struct{}

func other(w WaitGroup) {}
