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

// The receiver is started first.
func receiverFirst(v int) int {
	ch := make(chan int)
	done := make(chan int, 1)
	go func() { done <- <-ch }()
	ch <- v
	return <-done
}

// Buffered: the send fits.
func bufferedFirst(v int) int {
	ch := make(chan int, 1)
	ch <- v
	return <-ch
}

// A send that can give up is not stuck.
func sendOrGiveUp(v int, stop chan struct{}) {
	ch := make(chan int)
	select {
	case ch <- v:
	case <-stop:
	}
	go func() { <-ch }()
}

// In a loop, the receiver started in the first iteration takes the later sends.
func loopStartsReceiver(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		if i > 0 {
			ch <- i
		}
		go func() { <-ch }()
	}
}

// `select {}` spelled with a channel, on a debug branch: a deliberate park.
func runScenario(debugWhenDone bool) {
	if debugWhenDone {
		doneC := make(chan struct{})
		<-doneC
	}
}
