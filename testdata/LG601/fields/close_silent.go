package fields

func (s *Server) Close() {
	if s.stop != nil {
		s.stop()
	}
	for _, j := range s.all() {
		j.release()
	}
}

func (s *Server) all() []interface{ release() } { return nil }
