package fields

// Status sends after Stop too: run has returned and nobody receives.
func (n *Node) Status(s int) {
	n.status <- s // want "LG102: send on `n.status` blocks forever once its only receiver, `run` \\(node.go:31\\), returns on `<-n.stop` \\(closed in `Stop` \\(node.go:26\\)\\) without draining it"
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

func newConsole() *console {
	c := &console{add: make(chan int), done: make(chan struct{})}
	go c.listen()
	return c
}

func (c *console) Done() { close(c.done) }

func (c *console) listen() {
	for {
		select {
		case <-c.add:
		case <-c.done:
			return
		}
	}
}

func (c *console) Add(v int) { c.add <- v }
