package waitgroups

import "sync"

func deferred(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if check(job) != nil {
				return
			}
			run(job)
		}()
	}
	wg.Wait()
}

func everyBranch(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			if check(job) != nil {
				wg.Done()
				return
			}
			run(job)
			wg.Done()
		}()
	}
	wg.Wait()
}

// A Done reached only on one branch, without an early return, may be deliberate.
func lastOne(jobs []int, last bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	for range jobs {
		go func() {
			if last {
				wg.Done()
			}
		}()
	}
	wg.Wait()
}

// The checks come before Add: nothing to skip.
func checksFirst(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		if job < 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}

// The skipping branch calls Done itself.
func skipCallsDone(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		if job < 0 {
			wg.Done()
			continue
		}
		go func() {
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}

// Add before a loop that starts one goroutine per job: no loop iteration skips anything.
func addedUpFront(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}

// Handed to a helper that calls Done.
func handed(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go worker(job, &wg)
	}
	wg.Wait()
}

func worker(job int, wg *sync.WaitGroup) {
	defer wg.Done()
	run(job)
}

// A helper that returns early but hands the group on first.
func handsOn(wg *sync.WaitGroup, job int) {
	wg.Add(1)
	go func() {
		if job < 0 {
			finish(wg)
			return
		}
		wg.Done()
	}()
}

func finish(wg *sync.WaitGroup) { wg.Done() }

type pool struct {
	wg sync.WaitGroup
}

// Done is called by a method the text search sees.
func (p *pool) add() { p.wg.Add(1) }
func (p *pool) done() { p.wg.Done() }
func (p *pool) wait() { p.wg.Wait() }

// Add(n) for the goroutines a nested loop starts: its zero-iteration exit skips nothing.
func nested(rounds, n int) {
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		wg.Add(n)
		for i := 0; i < n; i++ {
			go func() {
				defer wg.Done()
			}()
		}
		wg.Wait()
	}
}

// wg.Go calls Done itself, whatever the function returns.
func withGo(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		if job < 0 {
			continue
		}
		wg.Go(func() {
			if check(job) != nil {
				return
			}
			run(job)
		})
	}
	wg.Wait()
}

// Add(n) before an inner loop; a later goroutine of the same iteration counts another group.
func twoGroups(tries, n int, run chan struct{}) {
	for try := 0; try < tries; try++ {
		var ready, done sync.WaitGroup
		ready.Add(n)
		for i := 0; i < n; i++ {
			go func() {
				ready.Done()
				<-run
			}()
		}
		ready.Wait()
		done.Add(1)
		go func() {
			defer done.Done()
		}()
		done.Wait() // want "LG304"
	}
}
