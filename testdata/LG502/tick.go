package timers

import "time"

func waitReady() bool {
	for range time.Tick(100 * time.Millisecond) { // want "LG502"
		if ready() {
			return true
		}
	}
	return false
}

func breaks() {
	for range time.Tick(time.Second) { // want "LG502"
		if ready() {
			break
		}
	}
}

func held() {
	tick := time.Tick(time.Second) // want "LG502: time.Tick's ticker can never be stopped, and this function returns \\(the end of the function"
	select {
	case <-tick:
	case <-time.After(time.Minute):
	}
}

func ready() bool { return true }
