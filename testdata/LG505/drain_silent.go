package timers

import "time"

func rearmed(in <-chan int, interval time.Duration) {
	t := time.NewTimer(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			flush()
			t.Reset(interval)
		case v := <-in:
			add(v)
			if !t.Stop() {
				<-t.C
			}
			t.Reset(interval)
		}
	}
}

func onlyDrain(interval time.Duration) {
	t := time.NewTimer(interval)
	work()
	if !t.Stop() {
		<-t.C
	}
}

func nonBlockingDrain(in <-chan int, interval time.Duration) {
	t := time.NewTimer(interval)
	for {
		select {
		case <-t.C:
			flush()
		case v := <-in:
			add(v)
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(interval)
		}
	}
}

func work() {}

// Each iteration drains a new timer of the same name.
func fresh(rounds int) {
	for i := 0; i < rounds; i++ {
		var timer = time.NewTimer(time.Hour)
		if !timer.Stop() {
			<-timer.C
		}
		timer.Reset(0)
		<-timer.C
	}
}

type processor struct {
	timer *time.Timer
	queue chan int
	stop  chan struct{}
	batch []int
}

// export resets the timer itself: after the timer case the drain finds it re-armed.
func (p *processor) run() {
	defer p.timer.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-p.timer.C:
			p.export()
		case v := <-p.queue:
			p.batch = append(p.batch, v)
			if len(p.batch) > 10 {
				if !p.timer.Stop() {
					<-p.timer.C
				}
				p.export()
			}
		}
	}
}

func (p *processor) export() {
	p.timer.Reset(time.Second)
	p.batch = p.batch[:0]
}
