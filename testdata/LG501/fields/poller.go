package fields

import "time"

// Each poller made keeps a ticker nobody ever stops.
type poller struct {
	ticker *time.Ticker
	every  *time.Ticker
	events chan struct{}
}

func newPoller(d time.Duration) *poller {
	p := &poller{
		every:  time.NewTicker(d), // want(<1.23) "LG501"
		events: make(chan struct{}),
	}
	p.ticker = time.NewTicker(d) // want(<1.23) "LG501"
	go p.run() // want "LG201"
	return p
}

func (p *poller) run() {
	for {
		select {
		case <-p.ticker.C:
			p.events <- struct{}{} // want "LG103: send on `p.events` blocks forever"
		case <-p.every.C:
		}
	}
}
