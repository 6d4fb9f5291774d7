package fields

import "context"

// Node's run loop receives statuses until Stop closes n.stop.
type Node struct {
	status  chan int
	stop    chan struct{}
	updates chan int
	ticks   chan int
	results chan int
}

func NewNode() *Node {
	n := &Node{
		status:  make(chan int),
		stop:    make(chan struct{}),
		updates: make(chan int),
		ticks:   make(chan int),
		results: make(chan int),
	}
	go n.Run()
	return n
}

func (n *Node) Stop() { close(n.stop) }

func (n *Node) Run() {
	for {
		select {
		case s := <-n.status:
			_ = s
		case u := <-n.updates:
			_ = u
		case <-n.stop:
			// Drain the updates before leaving: a sender never blocks on them.
			for {
				select {
				case <-n.updates:
				default:
					return
				}
			}
		}
	}
}

// A loop that returns on the context: whose lifetime that is, the syntax does not say.
func (n *Node) Watch(ctx context.Context) {
	for {
		select {
		case t := <-n.ticks:
			_ = t
		case <-ctx.Done():
			return
		}
	}
}

// Restart stops the node: after it, Status blocks.
func Restart(n *Node) *Node {
	n.Stop()
	return NewNode()
}
