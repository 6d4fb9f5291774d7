package fields

// watch returns the only way to stop its goroutine: whoever drops the channel leaks it.
func watch(events []int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, e := range events {
			ch <- e
		}
	}()
	return ch
}

func dropsIt(events []int) {
	watch(events) // want "LG102: the channel `watch` returns is dropped here: the goroutine it starts \\(line 6\\) blocks forever on its first send \\(`ch <- e`\\)"
	_ = watch(events) // want "LG102: the channel `watch` returns is dropped here"
}

// Look-alikes.

func drains(events []int) int {
	n := 0
	for e := range watch(events) {
		n += e
	}
	return n
}

// A buffered channel with room for the one send: nothing blocks.
func once() <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- nil }()
	return errc
}

func dropsOnce() { once() }

// The goroutine gives up with its context.
func watchUntil(done <-chan struct{}) <-chan int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-done:
		}
	}()
	return ch
}

func dropsUntil(done <-chan struct{}) { watchUntil(done) }
