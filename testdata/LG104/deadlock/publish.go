package deadlock

import "sync"

type Event struct{ ID int }

type Server struct {
	mu     sync.Mutex
	events chan Event
	seen   int
}

func NewServer() *Server {
	s := &Server{events: make(chan Event)}
	go s.loop() // want "LG201"
	return s
}

// The loop (loop.go) takes s.mu before each receive: a deadlock.
func (s *Server) Publish(e Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events <- e // want "LG104: send on `s.events` while holding `s.mu` \\(locked on line 21\\): the receiver in `loop` takes `mu` first \\(line 5 of loop.go\\)"
}

// Unlocked explicitly, but only after the send.
func (s *Server) PublishAll(es []Event) {
	s.mu.Lock()
	for _, e := range es {
		s.events <- e // want "LG104"
	}
	s.mu.Unlock()
}
