package node

import "example.com/fields/internal/watcher"

// Node's channel fields are made here and used across node.go and run.go.
type Node struct {
	stop    chan struct{}
	done    chan struct{}
	results chan int
	quit    chan struct{}
	events  chan int
	updates chan int
	in      chan int
	kicks   chan int
	alias   chan struct{}
	halt    chan struct{}
	hook    chan struct{}
	beats   chan int

	Stop chan struct{} // exported: cmd/app closes it
}

func New(in chan int) *Node {
	n := &Node{
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
		quit:    make(chan struct{}),
		events:  make(chan int, 8),
		updates: make(chan int),
		kicks:   make(chan int, 1),
		alias:   make(chan struct{}),
		halt:    make(chan struct{}),
		hook:    make(chan struct{}),
		beats:   make(chan int),
		Stop:    make(chan struct{}),
	}
	n.results = make(chan int)
	n.in = in // made by the caller, who may send on it
	watcher.Subscribe(n.events) // handed to another package: it sends there
	watcher.OnEvent(func(v int) { n.updates <- v })
	return n
}

// Done is an accessor: receives through it are receives on n.done.
func (n *Node) Done() <-chan struct{} { return n.done }

func (n *Node) Close() {
	close(n.quit)
	a := n.alias
	close(a)
}
