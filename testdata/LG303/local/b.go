package local

import "sync"

// A struct declared in the function holds a WaitGroup: ranging over values of it copies one,
// whatever another file of the package ranges over.
func waitAll() {
	type member struct {
		wg   sync.WaitGroup
		name string
	}
	var members []member
	for _, m := range members { // want "LG303: the range copies each `member`"
		_ = m.name
	}
}
