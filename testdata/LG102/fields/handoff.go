package fields

// events' loop returns when Stop closes channel; Stop itself sends on quit first, while the
// loop still runs (yunikorn's event system): no send comes after the close it waits for.
type events struct {
	quit    chan bool
	channel chan int
	stopped bool
}

func NewEvents() *events {
	e := &events{quit: make(chan bool), channel: make(chan int)}
	go e.Loop()
	return e
}

func (e *events) Loop() {
	for {
		select {
		case <-e.quit:
		case v, ok := <-e.channel:
			if !ok {
				return
			}
			_ = v
		}
	}
}

func (e *events) Stop() {
	if e.stopped {
		return
	}
	e.quit <- true
	close(e.channel)
	e.stopped = true
}

// Halt closes first and sends after: the loop may have returned by then.
type halting struct {
	quit    chan bool
	channel chan int
}

func NewHalting() *halting {
	h := &halting{quit: make(chan bool), channel: make(chan int)}
	go h.Loop()
	return h
}

func (h *halting) Loop() {
	for {
		select {
		case <-h.quit:
		case _, ok := <-h.channel:
			if !ok {
				return
			}
		}
	}
}

func (h *halting) Halt() {
	close(h.channel)
	h.quit <- true // want "LG102: send on `h.quit` blocks forever once its only receiver"
}

func (e *events) Add(v int) { e.channel <- v }

func (h *halting) Add(v int) { h.channel <- v }

func Shutdown(e *events, h *halting) {
	e.Stop()
	h.Halt()
}

// The loop closes the channel it receives from on its way out (kapacitor's httpd manage): a
// send after Stop panics on the closed channel, which is another bug than a sender left
// blocked forever.
type conns struct {
	added chan int
	quit  chan struct{}
}

func NewConns() *conns {
	c := &conns{added: make(chan int), quit: make(chan struct{})}
	go c.Manage()
	return c
}

func (c *conns) Manage() {
	defer close(c.added)
	for {
		select {
		case v := <-c.added:
			_ = v
		case <-c.quit:
			return
		}
	}
}

func (c *conns) Add(v int) { c.added <- v }

func (c *conns) Close() { close(c.quit) }

func CloseConns(c *conns) { c.Close() }
