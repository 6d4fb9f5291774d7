package fields

// A producer that polls the stop channel, then sends without a way out: once the consumer has
// returned on the same stop, the send in the default case blocks forever.
type pipeline struct {
	out  chan int
	quit chan struct{}
}

func newPipeline() *pipeline {
	p := &pipeline{out: make(chan int), quit: make(chan struct{})}
	go p.produce()
	go p.consume()
	return p
}

func (p *pipeline) Close() { close(p.quit) }

func closePipeline(p *pipeline) { p.Close() }

func (p *pipeline) produce() {
	for i := 0; ; i++ {
		select {
		case <-p.quit:
			return
		default:
			p.out <- i // want "LG102: send on `p.out` blocks forever once its only receiver, `consume` \\(line 35\\), returns on `<-p.quit`"
		}
	}
}

func (p *pipeline) consume() {
	for {
		select {
		case v := <-p.out:
			_ = v
		case <-p.quit:
			return
		}
	}
}
