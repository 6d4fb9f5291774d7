package fields

import "time"

// Stopped by Close, in another file of the package.
type flusher struct {
	tick *time.Ticker
	done chan struct{}
}

func newFlusher(d time.Duration) *flusher {
	f := &flusher{tick: time.NewTicker(d), done: make(chan struct{})}
	go f.loop()
	return f
}

func (f *flusher) loop() {
	for {
		select {
		case <-f.tick.C:
		case <-f.done:
			return
		}
	}
}

// Handed on: whoever receives it stops it.
type handedOff struct{ timer *time.Ticker }

func newHandedOff(d time.Duration) *handedOff {
	h := &handedOff{}
	h.timer = time.NewTicker(d)
	keep(h.timer)
	return h
}

func keep(*time.Ticker) {}
