package main

import (
	"context"
	"time"
)

type worker struct{}

// run is handed on as a value: whoever holds it calls it as often as it likes.
func (w *worker) run() {
	ctx, _ := context.WithTimeout(context.Background(), time.Minute) // want "LG601: discarded" "LG605"
	_ = ctx
}

// Each pass of main's loop loses a context: they pile up.
func poll() {
	ctx, _ := context.WithTimeout(context.Background(), time.Minute) // want "LG601: discarded" "LG605"
	_ = ctx
}

func main() {
	setup()
	w := &worker{}
	schedule(w.run)
	for {
		poll()
		time.Sleep(time.Second)
	}
}

func schedule(f func()) { go f() }
