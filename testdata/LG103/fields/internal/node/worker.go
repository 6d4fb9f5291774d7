package node

// run closes w.done when it returns; Stop waits for that close.
type worker struct {
	quit chan struct{}
	done chan struct{}
	jobs chan int
	idle chan struct{}
	gone chan struct{}
}

func newWorker() *worker {
	w := &worker{quit: make(chan struct{}), done: make(chan struct{}), jobs: make(chan int),
		idle: make(chan struct{}), gone: make(chan struct{})}
	go w.run()
	go w.linger()
	return w
}

func (w *worker) Stop() {
	close(w.quit)
	<-w.done
}

func (w *worker) run() {
	defer close(w.done)
	for {
		select {
		case j := <-w.jobs:
			if j < 0 {
				w.Stop() // want "LG103: waits on `w.done` through `Stop` \\(line 22\\), which only this function's deferred close \\(line 26\\) closes: it waits for its own return"
				return
			}
		case <-w.quit:
			return
		}
	}
}

// Look-alikes: the wait is in another goroutine, or the close is not only the deferred one.
func (w *worker) linger() {
	defer close(w.idle)
	go func() { <-w.idle }()
	<-w.quit
}

func (w *worker) Gone() { <-w.gone }

func (w *worker) finish() {
	defer close(w.gone)
	<-w.quit
}
