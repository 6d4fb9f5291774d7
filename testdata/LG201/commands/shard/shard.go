// Package shard is a library: only an example calls New from its main, but its users may
// make any number of shards.
package shard

import (
	"log"
	"time"
)

type Shard struct{ name string }

func New(name string) *Shard {
	s := &Shard{name: name}
	go func() { // want "LG201"
		for {
			time.Sleep(time.Second)
			log.Println("reconnecting", s.name)
		}
	}()
	return s
}
