package fields

// A producer that polls the stop channel, then sends without a way out: Once the consumer has
// returned on the same stop, the send in the default case blocks forever.
type pipeline struct {
	out  chan int
	quit chan struct{}
}

func NewPipeline() *pipeline {
	p := &pipeline{out: make(chan int), quit: make(chan struct{})}
	go p.Produce()
	go p.Consume()
	return p
}

func (p *pipeline) Close() { close(p.quit) }

func ClosePipeline(p *pipeline) { p.Close() }

func (p *pipeline) Produce() {
	for i := 0; ; i++ {
		select {
		case <-p.quit:
			return
		default:
			p.out <- i // want "LG102: send on `p.out` blocks forever once its only receiver, `Consume` \\(line 35\\), returns on `<-p.quit`"
		}
	}
}

func (p *pipeline) Consume() {
	for {
		select {
		case v := <-p.out:
			_ = v
		case <-p.quit:
			return
		}
	}
}
