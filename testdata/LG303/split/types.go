package split

import "sync"

type Tracker struct {
	mu sync.Mutex
	wg sync.WaitGroup
}

type Outer struct {
	tracker Tracker
}
