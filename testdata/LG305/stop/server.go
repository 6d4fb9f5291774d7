package stop

import "sync"

type Server struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	quit  chan struct{}
	jobs  chan int
	count int
}

func (s *Server) Start() {
	s.wg.Add(2)
	go s.worker()
	go s.flusher()
}

// Stop holds s.mu while it waits: worker (worker.go) takes s.mu before its deferred Done.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.quit)
	s.wg.Wait() // want "LG305: `s.wg.Wait\\(\\)` while holding `s.mu` \\(locked on line 21\\): the goroutine in `worker` takes `mu` \\(worker.go:10\\) before its `Done`"
}

// Drain unlocks before it waits.
func (s *Server) Drain() {
	s.mu.Lock()
	close(s.quit)
	s.mu.Unlock()
	s.wg.Wait()
}
