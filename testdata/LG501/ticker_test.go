package timers

import (
	"testing"
	"time"
)

// A test process is short-lived: timer leaks there are not reported.
func TestTicker(t *testing.T) {
	tk := time.NewTicker(time.Millisecond)
	<-tk.C
	for range time.Tick(time.Millisecond) {
		return
	}
}
