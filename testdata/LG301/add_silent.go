package waitgroups

import "sync"

func addBefore(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}

func doneAsNegativeAdd(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, job := range jobs {
		go func() {
			run(job)
			wg.Add(-1)
		}()
	}
	wg.Wait()
}

// The goroutine's own group: it adds and waits itself.
func ownGroup(jobs []int) {
	go func() {
		var inner sync.WaitGroup
		for _, job := range jobs {
			inner.Add(1)
			go func() { defer inner.Done(); run(job) }()
		}
		inner.Wait()
	}()
}

// A goroutine that waits on the shared group itself after adding.
func addsAndWaits(jobs []int) {
	var wg sync.WaitGroup
	go func() {
		for _, job := range jobs {
			wg.Add(1)
			go func() { defer wg.Done(); run(job) }()
		}
		wg.Wait()
	}()
}

// A counted spawner: the counter is above zero while it adds for its children.
func countedSpawner(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, job := range jobs {
			wg.Add(1)
			go func() { defer wg.Done(); run(job) }()
		}
	}()
	wg.Wait()
}

// Not a WaitGroup: an Add method of something else.
type counter struct{ n int }

func (c *counter) Add(n int) { c.n += n }

func notAGroup(c *counter) {
	go func() {
		c.Add(1)
	}()
}

// Go 1.25: wg.Go counts the goroutine itself.
func withGo(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Go(func() {
			run(job)
		})
	}
	wg.Wait()
}

// Counted by one group, adding to another for the workers it starts (waited for later).
type stresser struct {
	alive sync.WaitGroup
}

func (s *stresser) run(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.alive.Add(1)
			go s.keepAlive()
		}()
	}
	wg.Wait()
}

func (s *stresser) keepAlive() { defer s.alive.Done() }

func (s *stresser) close() { s.alive.Wait() }
