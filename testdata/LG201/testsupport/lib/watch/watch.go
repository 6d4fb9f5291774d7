// Package watch is a library package: that only a test elsewhere in the module imports it
// says nothing about who else does.
package watch

import "time"

func Poll(check func()) {
	go func() { // want "LG201"
		for {
			check()
			time.Sleep(time.Second)
		}
	}()
}
