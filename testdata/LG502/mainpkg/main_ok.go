package main

import "time"

func main() {
	for range time.Tick(time.Second) {
		if poll() {
			break
		}
	}
}

func poll() bool {
	for range time.Tick(time.Second) {
		return true
	}
	return false
}
