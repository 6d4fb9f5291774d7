package main

import (
	"os"
	"os/signal"
	"sync"
)

var (
	startOnce sync.Once
	jobs      = make(chan func(), 16)
)

func main() {
	setupTraps()
	startOnce.Do(startWorker)
	serve()
}

// Called only from main: the relay lives as long as the process.
func setupTraps() {
	go func() {
		for {
			dumpStacks()
		}
	}()
}

// Handed to sync.Once: a singleton worker serving a global queue.
func startWorker() {
	go func() {
		for {
			job := <-jobs
			job()
		}
	}()
}

func dumpStacks() {}

func serve() { select {} }

// A signal relay: signal.Notify registrations are process-wide.
func shutdownChannel() <-chan struct{} {
	result := make(chan struct{})
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt)
	go func() {
		for {
			<-signals
			result <- struct{}{}
		}
	}()
	return result
}
