package producers

// The producers live in producer.go: one closes the channel it is handed, one never does.

func closedByHelper(items []int) int {
	ch := make(chan int)
	go fill(ch, items)
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

func closedByDeferredHelper(items []int) int {
	ch := make(chan int)
	go fillDeferred(ch, items)
	n := 0
	for range ch {
		n++
	}
	return n
}

func closedTwoCallsDown(items []int) int {
	ch := make(chan int)
	go relay(ch, items)
	n := 0
	for range ch {
		n++
	}
	return n
}

func neverClosedByHelper(items []int) int {
	ch := make(chan int)
	go produce(ch, items)
	n := 0
	for v := range ch { // want "LG101: `produce` does not close it"
		n += v
	}
	return n
}

func neverClosedByMethod(s *source) int {
	ch := make(chan int)
	go s.emit(ch)
	n := 0
	for v := range ch { // want "LG101: `emit` does not close it"
		n += v
	}
	return n
}

// A helper the package cannot see (another package) may close it: silent.
func handedAway(items []int, sink func(chan int)) int {
	ch := make(chan int)
	go sink(ch)
	n := 0
	for range ch {
		n++
	}
	return n
}

// The early return comes before the channel exists: every path after `make` closes it.
func earlyReturnBeforeMake(items []int) int {
	if len(items) == 0 {
		return 0
	}
	ch := make(chan int, len(items))
	for _, it := range items {
		ch <- it
	}
	close(ch)
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// A return after the make that skips the close is still reported.
func returnAfterMake(items []int) int {
	ch := make(chan int, len(items))
	if len(items) == 0 {
		go func() {
			for range ch { // want "LG101: closed on only some paths"
			}
		}()
		return 0
	}
	close(ch)
	return len(items)
}
