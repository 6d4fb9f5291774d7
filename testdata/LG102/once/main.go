package main

import (
	"errors"
	"net"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", ":0") // a service: it serves connections
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	if err := run(); err != nil {
		panic(err)
	}
	for range time.Tick(time.Second) {
		serveOne()
	}
}

func work() error { return nil }

// run is called once, by main: the goroutine it abandons on an early return is one for the
// process's whole life.
func run() error {
	errc := make(chan error)
	go func() { errc <- work() }()
	if time.Now().IsZero() {
		return errors.New("clock")
	}
	return <-errc
}

// serveOne runs per tick: each early return leaks one more goroutine.
func serveOne() {
	errc := make(chan error)
	go func() { errc <- work() }() // want "LG102"
	if time.Now().IsZero() {
		return
	}
	<-errc
}
