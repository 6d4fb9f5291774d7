package shapes

import "sync"

// A generic holder declared in another file of the package than its copies.
type remote[T any] struct {
	wg   sync.WaitGroup
	last T
}
