package timers

import (
	"context"
	"time"
)

func deferred(ctx context.Context) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			check()
		}
	}
}

func returned() *time.Ticker {
	t := time.NewTicker(time.Second)
	return t
}

func passedOn(ctx context.Context) {
	t := time.NewTicker(time.Second)
	go watch(ctx, t)
}

func watch(ctx context.Context, t *time.Ticker) {
	defer t.Stop()
	<-ctx.Done()
}

// Never returns: the ticker lives as long as the goroutine, by design.
func forever() {
	t := time.NewTicker(time.Second)
	for range t.C {
		check()
	}
}

// A panic in the loop leaves it, but not for the code after it: the end of the function is
// never reached.
func foreverUnlessBroken(push func() error) {
	t := time.NewTicker(time.Second)
	for range t.C {
		if err := push(); err != nil {
			panic(err)
		}
	}
}

func stoppedInClosure(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer func() { t.Stop() }()
	<-ctx.Done()
}

func stoppedBeforeEveryReturn(ctx context.Context) error {
	t := time.NewTicker(time.Second)
	select {
	case <-ctx.Done():
		t.Stop()
		return ctx.Err()
	case <-t.C:
	}
	t.Stop()
	return nil
}
