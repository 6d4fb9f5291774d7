package timers

import "time"

func batch(in <-chan int, interval time.Duration) {
	t := time.NewTimer(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			flush()
		case v, ok := <-in:
			if !ok {
				return
			}
			add(v)
			if !t.Stop() {
				<-t.C // want "LG505: `t.C` may already have been received \\(line 10\\)"
			}
			t.Reset(interval)
		}
	}
}

func flush()  {}
func add(int) {}
