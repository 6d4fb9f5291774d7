package stop

func (s *Server) worker() {
	defer s.wg.Done()
	for {
		select {
		case <-s.quit:
			return
		case j := <-s.jobs:
			s.record(j)
		}
	}
}

// record takes s.mu: worker reaches it before its Done.
func (s *Server) record(j int) {
	s.mu.Lock()
	s.count += j
	s.mu.Unlock()
}

// flusher calls Done before it locks.
func (s *Server) flusher() {
	<-s.quit
	s.wg.Done()
	s.mu.Lock()
	s.count = 0
	s.mu.Unlock()
}
