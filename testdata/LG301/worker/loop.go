package worker

import "sync"

func (p *Pool) loop() {
	p.wg.Add(1)
	defer p.wg.Done()
	for job := range p.jobs {
		job()
	}
}

func (p *Pool) counted() {
	defer p.wg.Done()
	for job := range p.jobs {
		job()
	}
}

func work(wg *sync.WaitGroup) {
	wg.Add(1)
	defer wg.Done()
}

// Called synchronously: its Add is the caller's business.
func (p *Pool) Submit(job func()) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		job()
	}()
}
