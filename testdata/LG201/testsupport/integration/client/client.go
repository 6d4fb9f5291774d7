// Package client drives the system under test for the integration tests beside it (only
// integration/*_test.go imports it): its goroutines run in test binaries alone.
package client

import "time"

func KeepAlive(ping func()) {
	go func() {
		for {
			ping()
			time.Sleep(time.Second)
		}
	}()
}
