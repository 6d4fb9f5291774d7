package fields

import "sync"

// Status sends after Stop too: Run has returned and nobody receives.
func (n *Node) Status(s int) {
	n.status <- s // want "LG102: send on `n.status` blocks forever once its only receiver, `Run` \\(node.go:31\\), returns on `<-n.stop` \\(closed in `Stop` \\(node.go:26\\)\\) without draining it"
}

// Look-alikes.

// Drained by run's stop case before it returns.
func (n *Node) Update(u int) { n.updates <- u }

// Its receiver returns on ctx.Done().
func (n *Node) Tick(t int) { n.ticks <- t }

// Gives up with the receiver.
func (n *Node) StatusOrStop(s int) {
	select {
	case n.status <- s:
	case <-n.stop:
	}
}

// A loop whose stop is closed only by a method nothing calls: it never stops receiving.
type console struct {
	add  chan int
	done chan struct{}
}

func NewConsole() *console {
	c := &console{add: make(chan int), done: make(chan struct{})}
	go c.Listen()
	return c
}

func (c *console) Done() { close(c.done) }

func (c *console) Listen() {
	for {
		select {
		case <-c.add:
		case <-c.done:
			return
		}
	}
}

func (c *console) Add(v int) { c.add <- v }

// The sender holds the lock that Close takes before it closes the stop: they exclude each
// other, and a send after Close is a use of a closed chain.
type chain struct {
	addLock sync.Mutex
	events  chan int
	stop    chan struct{}
}

func NewChain() *chain {
	c := &chain{events: make(chan int), stop: make(chan struct{})}
	go c.Dispatch()
	return c
}

func (c *chain) Close() {
	c.addLock.Lock()
	close(c.stop)
	c.addLock.Unlock()
}

func (c *chain) Dispatch() {
	for {
		select {
		case <-c.events:
		case <-c.stop:
			return
		}
	}
}

func (c *chain) AddBlock(v int) {
	c.addLock.Lock()
	defer c.addLock.Unlock()
	c.Store(v)
}

func (c *chain) Store(v int) { c.events <- v }

func CloseChain(c *chain) { c.Close() }
