package closer

import "time"

type Poller struct {
	ticker *time.Ticker
	done   chan struct{}
}

func New() *Poller {
	p := &Poller{done: make(chan struct{})}
	t := time.NewTicker(time.Second)
	p.ticker = t
	return p
}

func (p *Poller) Start() {
	p.ticker = time.NewTicker(time.Second)
}
