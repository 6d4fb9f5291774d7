package silent

import (
	"context"
	"sync"
)

type Event struct{ ID int }

type Server struct {
	mu      sync.Mutex
	stats   sync.Mutex
	events  chan Event
	queue   chan Event
	updates chan Event
	seen    int
	stop    chan struct{}
}

func NewServer() *Server {
	s := &Server{events: make(chan Event), queue: make(chan Event, 64)}
	s.updates = make(chan Event)
	go s.loop()
	return s
}

// Unlocked before the send.
func (s *Server) Publish(e Event) {
	s.mu.Lock()
	s.seen++
	s.mu.Unlock()
	s.events <- e
}

// A buffered field channel.
func (s *Server) Enqueue(e Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue <- e
}

// A send that can give up.
func (s *Server) Offer(ctx context.Context, e Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case s.events <- e:
	case <-ctx.Done():
	}
}

// The receiver of updates takes another mutex.
func (s *Server) Update(e Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates <- e
}

func (s *Server) loop() {
	for {
		s.mu.Lock()
		s.seen++
		s.mu.Unlock()
		select {
		case e := <-s.events:
			_ = e
		case e := <-s.queue:
			_ = e
		case <-s.stop:
			return
		}
	}
}

func (s *Server) watch() {
	for {
		s.stats.Lock()
		s.seen++
		s.stats.Unlock()
		<-s.updates
	}
}
