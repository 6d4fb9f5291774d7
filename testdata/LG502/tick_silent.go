package timers

import "time"

var everySecond = time.Tick(time.Second)

func endless() {
	for range time.Tick(time.Second) {
		ready()
	}
}

func endlessGoroutine() {
	go func() {
		for range time.Tick(time.Second) {
			ready()
		}
	}()
}

func selectForever(stop chan struct{}) {
	tick := time.Tick(time.Second)
	for {
		select {
		case <-tick:
			ready()
		case <-stop:
			// keeps running: draining stop requests
		}
	}
}

// A wrapper of time.Tick: the caller holds the channel.
func tickEvery(d time.Duration) <-chan time.Time {
	return time.Tick(d)
}

// Ranging over the tick channel kept in a variable: the loop never ends.
func report() {
	ticker := time.Tick(time.Second)
	for now := range ticker {
		if now.IsZero() {
			continue
		}
	}
}
