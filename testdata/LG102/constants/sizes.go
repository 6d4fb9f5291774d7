package constants

// Capacities named by constants, declared in another file than their use.
const (
	noBuffer  = 0
	oneResult = 1
	batch     = oneResult * 4
)
