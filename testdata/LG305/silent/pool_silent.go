package silent

import "sync"

// The goroutines lock another mutex than the one held while waiting.
type Pool struct {
	mu      sync.Mutex
	statsMu sync.Mutex
	wg      sync.WaitGroup
	n       int
}

func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wg.Wait()
}

func (p *Pool) run() {
	defer p.wg.Done()
	p.statsMu.Lock()
	p.n++
	p.statsMu.Unlock()
}

func (p *Pool) Go() {
	p.wg.Add(1)
	go p.run()
}

// A job-counting WaitGroup waited on under a lock that the jobs never take.
type Batch struct {
	mu sync.Mutex
	wg sync.WaitGroup
}

func (b *Batch) Run(jobs []func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.wg.Add(len(jobs))
	for _, job := range jobs {
		go func(job func()) {
			defer b.wg.Done()
			job()
		}(job)
	}
	b.wg.Wait()
}
