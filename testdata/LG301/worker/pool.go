package worker

import "sync"

type Pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

func (p *Pool) Start(n int) {
	for i := 0; i < n; i++ {
		go p.loop() // want "LG301: this goroutine runs loop, which calls `p.wg.Add` \\(loop.go:"
	}
	var wg sync.WaitGroup
	go work(&wg) // want "LG301: which calls `wg.Add`"
	wg.Wait()
	p.wg.Add(1)
	go p.counted()
}

func (p *Pool) Stop() {
	close(p.jobs)
	p.wg.Wait()
}
