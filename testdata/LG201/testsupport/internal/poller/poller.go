// Package poller is internal too, but the client imports it: its goroutines run in
// production.
package poller

import "time"

func Start(poll func()) {
	go func() { // want "LG201"
		for {
			poll()
			time.Sleep(time.Second)
		}
	}()
}
