package daemon

// A nil channel in a select disables that case: the idiom is fine.
func merge(a, b chan int, out chan<- int) {
	var disabled chan int
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		case <-disabled:
		}
	}
}

// Declared, then made before use.
func later() int {
	var ch chan int
	ch = make(chan int, 1)
	ch <- 1
	return <-ch
}

var dying = make(chan struct{})

// A deliberate park on the dying path.
func wait(done <-chan struct{}) {
	select {
	case <-done:
	case <-dying:
		select {}
	}
}
