package handed

func watch(events chan int, done chan struct{}) {
	for {
		select {
		case <-events:
		case <-done:
			return
		}
	}
}

func finish(events chan int, done chan struct{}) {
	defer close(done)
	for range events {
	}
}

var relayed chan struct{}

func relay(c chan struct{}) { relayed = c }
