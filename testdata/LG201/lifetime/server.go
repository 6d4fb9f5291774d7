package main

// newPoller is called per connection (from handle), not only from main: its goroutine leaks.
func newPoller(events chan int) {
	go func() { // want "LG201"
		for {
			<-events
		}
	}()
}

func handle(events chan int) {
	newPoller(events)
}
