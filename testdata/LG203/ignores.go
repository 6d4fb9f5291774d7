package poller

import (
	"context"
	"net/http"
	"time"
)

func done() bool { return false }

// Sleeps until done, whatever the caller's context says.
func Poll(ctx context.Context) error {
	for { // want "LG203: this endless loop sleeps \\(line 17\\) but never checks `ctx`"
		if done() {
			return nil
		}
		time.Sleep(time.Second)
	}
}

// A handler that blocks on a channel and ignores the request's cancellation.
func Stream(w http.ResponseWriter, r *http.Request, updates <-chan string) {
	for { // want "LG203: never checks `r.Context\\(\\)`"
		u := <-updates
		_, _ = w.Write([]byte(u))
	}
}
