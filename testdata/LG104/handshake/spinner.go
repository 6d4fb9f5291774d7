package handshake

import (
	"sync"
	"time"
)

// Spinner's loop sends on stopped under the lock only after Stop, which took the lock, sent on
// stop and let the lock go before it receives: Stop is past its Lock whenever the send runs.
type Spinner struct {
	mu      sync.Mutex
	stop    chan struct{}
	stopped chan struct{}
	ticker  *time.Ticker
	running bool
}

func NewSpinner() *Spinner {
	return &Spinner{stop: make(chan struct{}, 1), stopped: make(chan struct{})}
}

func (s *Spinner) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = true
	s.ticker = time.NewTicker(time.Second)
	go func() {
		for {
			select {
			case <-s.stop:
				func() {
					s.mu.Lock()
					defer s.mu.Unlock()
					s.ticker.Stop()
					s.running = false
					s.stopped <- struct{}{}
				}()
				return
			case <-s.ticker.C:
			}
		}
	}()
}

func (s *Spinner) Stop() {
	s.mu.Lock()
	if !s.running {
		s.mu.Unlock()
		return
	}
	s.stop <- struct{}{}
	s.mu.Unlock()
	<-s.stopped
}
