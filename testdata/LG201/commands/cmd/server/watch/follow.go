// Package watch lives under cmd/, but its follower starts once per request of a server.
package watch

import (
	"log"
	"time"
)

func Follow(path string) {
	go func() { // want "LG201"
		for {
			time.Sleep(time.Second)
			log.Println("still following", path)
		}
	}()
}
