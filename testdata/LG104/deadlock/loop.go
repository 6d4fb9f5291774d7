package deadlock

func (s *Server) loop() {
	for {
		s.mu.Lock()
		s.seen++
		s.mu.Unlock()
		e := <-s.events
		_ = e
	}
}
