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
