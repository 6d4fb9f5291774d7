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

// A bounded loop with an empty default measures a non-blocking check; it ends on its own.
func bench(n int, ch chan int) {
	for i := 0; i < n; i++ {
		select {
		case <-ch:
		default:
		}
	}
}

type progress struct{ n int }

func (p *progress) Next() bool { p.n--; return p.n > 0 }

// The condition calls something that progresses.
func parallel(pb *progress, ch chan int) {
	for pb.Next() {
		select {
		case <-ch:
		default:
		}
	}
}
