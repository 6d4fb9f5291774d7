package node

import "context"

// Wait waits for a stop nobody ever signals: no code closes or sends on n.stop.
func (n *Node) Wait() {
	<-n.stop // want "LG103: receive from `n.stop` blocks forever: no code of the package sends on `Node.stop` or closes it \\(made at node.go:25; only received from here\\)"
}

func (n *Node) Shutdown() { waitDone(n) }

func waitDone(n *Node) {
	<-n.Done() // want "LG103: receive from `n.Done\\(\\)` blocks forever: no code of the package sends on `Node.done` or closes it"
}

// publish sends on an unbuffered field nothing receives from.
func (n *Node) publish(v int) {
	n.results <- v // want "LG103: send on `n.results` blocks forever: no code of the package receives from `Node.results` \\(made at node.go:37, unbuffered; only sent on here\\)"
}

// Look-alikes.

// Closed in Close.
func (n *Node) run() {
	<-n.quit
}

// Fed by another package: watcher.Subscribe was handed the channel.
func (n *Node) events1() int { return <-n.events }

// Fed by a callback the package registers with another package.
func (n *Node) update() int { return <-n.updates }

// Made by the caller of New.
func (n *Node) input() int { return <-n.in }

// A select with a way out.
func (n *Node) kick(ctx context.Context) {
	select {
	case <-ctx.Done():
	case n.kicks <- 1:
	}
}

// Closed through a local copy in Close.
func (n *Node) aliased() { <-n.alias }

// Closed through a value whose type the syntax does not give (it may be a Node).
func (n *Node) halted() { <-n.halt }

func haltAll(nodes map[string]interface{ get() *Node }) {
	for _, x := range nodes {
		close(x.get().halt)
	}
}

// Closed by a test of the package.
func (n *Node) hooked() { <-n.hook }

// Exported, and closed by cmd/app.
func (n *Node) stopped() { <-n.Stop }

// Sent on here, received through an interface of the package that Node implements.
func (n *Node) beatsCh() chan int { return n.beats }

func (n *Node) beat() { n.beats <- 1 }

type beater interface{ beatsCh() chan int }

func drain(b beater) { <-b.beatsCh() }
