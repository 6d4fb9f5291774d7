package handed

import "os/signal"

// watch (in watch.go) only receives from done: nobody ever sends or closes.
func startWatch(events chan int) {
	done := make(chan struct{})
	go watch(events, done)
	<-done // want "LG103: receive from `done` blocks forever: nothing sends on it or closes it \\(`watch` only receives from it\\)"
}

// A purely local channel nobody sends on, in an API: it never returns, so each caller runs it
// once and waits there for good. Silent.
func Forgotten() {
	ready := make(chan bool)
	<-ready
}

// finish closes it when the work ends.
func startFinish(events chan int) {
	done := make(chan struct{})
	go finish(events, done)
	<-done
}

// Handed to code of another package (signal.Notify sends on it).
func notified() {
	sig := make(chan struct{}, 1)
	signal.Notify(nil)
	go relay(sig)
	<-sig
}

// A closure sends on it.
func closureSends() {
	done := make(chan struct{})
	go func() { done <- struct{}{} }()
	<-done
}

// A select with another way out can give up.
func canGiveUp(stop chan struct{}) {
	done := make(chan struct{})
	go watch(nil, done)
	select {
	case <-done:
	case <-stop:
	}
}
