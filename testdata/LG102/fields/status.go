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
