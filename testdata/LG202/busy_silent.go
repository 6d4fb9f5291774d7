package spin

import "time"

// Polling a function may be intentional.
func poll() {
	for !ready() {
	}
}

// A loop with a false condition never runs.
func never() {
	for false {
	}
}

// A default that does work, or a select without default, blocks or makes progress.
func work(ch chan int) {
	for {
		select {
		case v := <-ch:
			_ = v
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

func blocks(ch chan int) {
	for {
		select {
		case v := <-ch:
			_ = v
		}
	}
}

// A select with an empty default outside a loop is a non-blocking try.
func try(ch chan int) {
	select {
	case ch <- 1:
	default:
	}
}
