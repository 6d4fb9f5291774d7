package worker

import (
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

type Daemon struct{ reload chan struct{} }

// NewDaemon relays SIGHUP for the life of the daemon: one relay per daemon, one daemon per
// process, as far as the package shows.
func NewDaemon() *Daemon {
	d := &Daemon{reload: make(chan struct{})}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for {
			<-hup
			d.reload <- struct{}{} // want "LG103: send on `d.reload` blocks forever"
		}
	}()
	return d
}

// watchResize relays SIGWINCH for one session, and a session starts per request: a relay per
// request that never ends.
func watchResize(resized chan<- struct{}) {
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, syscall.SIGWINCH)
	go func() { // want "LG201"
		for {
			<-winch
			resized <- struct{}{}
		}
	}()
}

func serveSessions() {
	http.HandleFunc("/session", func(w http.ResponseWriter, r *http.Request) {
		watchResize(make(chan struct{}, 1))
	})
}

// One relay per job of a loop.
func watchInterrupt(stop chan<- struct{}) {
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	go func() { // want "LG201"
		for {
			<-interrupt
			stop <- struct{}{}
		}
	}()
}

func runJobs(jobs []string) {
	for range jobs {
		watchInterrupt(make(chan struct{}, 1))
	}
}
