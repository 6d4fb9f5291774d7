package waitgroups

import "sync"

func worker(wg sync.WaitGroup, jobs <-chan int) { // want "LG303: parameter `wg` copies a sync.WaitGroup by value"
	defer wg.Done()
	for range jobs {
	}
}

type group struct {
	sync.WaitGroup
	name string
}

type service struct {
	workers group
	port    int
}

func (s service) Port() int { // want "LG303: receiver `s` copies a `service`, which holds a sync.WaitGroup,"
	return s.port
}

func startAll(groups []group) {
	for _, g := range groups { // want "LG303: the range copies each `group`"
		g.Add(1)
	}
}

func literal() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(wg sync.WaitGroup) { // want "LG303"
		wg.Done()
	}(wg)
	wg.Wait()
}

func copies() {
	var wg sync.WaitGroup
	other := wg // want "LG303: assigning `wg` to `other` copies a sync.WaitGroup"
	other.Wait()
	var third = wg // want "LG303"
	third.Wait()
	p := &wg
	q := p
	q.Wait()
}
