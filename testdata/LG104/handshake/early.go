package handshake

import "sync"

// Early signals before it takes the lock: the loop may hold mu and send while Halt waits
// for mu, and neither moves.
type Early struct {
	mu     sync.Mutex
	quit   chan struct{}
	done   chan struct{}
	halted bool
}

func NewEarly() *Early {
	return &Early{quit: make(chan struct{}, 1), done: make(chan struct{})}
}

func (e *Early) loop() {
	<-e.quit
	e.mu.Lock()
	defer e.mu.Unlock()
	e.done <- struct{}{} // want "LG104: send on `e.done` while holding `e.mu`"
}

func (e *Early) Halt() {
	e.quit <- struct{}{}
	e.mu.Lock()
	e.halted = true
	e.mu.Unlock()
	<-e.done
}

// Held keeps the lock while it receives: the loop, told to go on, cannot take mu to send.
type Held struct {
	mu   sync.Mutex
	go_  chan struct{}
	back chan struct{}
}

func NewHeld() *Held {
	return &Held{go_: make(chan struct{}, 1), back: make(chan struct{})}
}

func (h *Held) loop() {
	<-h.go_
	h.mu.Lock()
	defer h.mu.Unlock()
	h.back <- struct{}{} // want "LG104: send on `h.back` while holding `h.mu`"
}

func (h *Held) Ask() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.go_ <- struct{}{}
	<-h.back // want "LG104: receive from `h.back` while holding `h.mu`"
}
