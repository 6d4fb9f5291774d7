package worker

import "context"

type event struct{}

func handle(event) {}

// break only leaves the select: the loop never ends.
func Start(ctx context.Context, events <-chan event) {
	go func() { // want "LG201: the endless loop on line 12 has no return, no break out of it and no panic \\(the `break` on line 17 only leaves the select or switch\\)"
		for {
			select {
			case ev := <-events:
				handle(ev)
			case <-ctx.Done():
				break
			}
		}
	}()
}

func flushForever(ch <-chan event) {
	for {
		handle(<-ch)
	}
}

// go f() with f declared in this file.
func StartFlusher(ch <-chan event) {
	go flushForever(ch) // want "LG201: goroutine never exits"
}

// A switch's break does not leave the loop either.
func Poll(next func() int) {
	go func() { // want "LG201"
		for {
			switch next() {
			case 0:
				break
			default:
				handle(event{})
			}
		}
	}()
}
