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
