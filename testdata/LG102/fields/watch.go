package fields

// watch returns the only way to stop its goroutine: whoever drops the channel leaks it.
func Watch(events []int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, e := range events {
			ch <- e
		}
	}()
	return ch
}

func DropsIt(events []int) {
	Watch(events) // want "LG102: the channel `Watch` returns is dropped here: the goroutine it starts \\(line 6\\) blocks forever on its first send \\(`ch <- e`\\)"
	_ = Watch(events) // want "LG102: the channel `Watch` returns is dropped here"
}

// Look-alikes.

func Drains(events []int) int {
	n := 0
	for e := range Watch(events) {
		n += e
	}
	return n
}

// A buffered channel with room for the one send: nothing blocks.
func Once() <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- nil }()
	return errc
}

func DropsOnce() { Once() }

// The goroutine gives up with its context.
func WatchUntil(done <-chan struct{}) <-chan int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-done:
		}
	}()
	return ch
}

func DropsUntil(done <-chan struct{}) { WatchUntil(done) }
