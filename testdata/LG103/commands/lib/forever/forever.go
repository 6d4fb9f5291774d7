// Package forever is imported by a daemon that serves: parking blocks a service's caller.
package forever

import "log"

func Wait(name string) {
	log.Println("waiting for", name)
	select {} // want "LG103"
}
