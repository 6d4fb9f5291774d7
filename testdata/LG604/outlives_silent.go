package flush

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// The function waits for the goroutine before cancelling.
func Waits(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = export(ctx)
	}()
	wg.Wait()
}

// The result comes back on a channel.
func Receives(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- export(ctx) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The goroutine only watches for the end of the context.
func Watches(parent context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-ctx.Done()
		stop()
	}()
}

// Detached on purpose.
func Detached(w http.ResponseWriter, r *http.Request) {
	go export(context.WithoutCancel(r.Context()))
}

// The cancel is stored, not deferred: the context lives on after return.
type Server struct{ cancel context.CancelFunc }

func (s *Server) Start(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // want "LG601: the cancel function returned by context.WithCancel is kept in `s.cancel`"
	s.cancel = cancel
	go export(ctx)
}

// Stop forgets the exporter's context.
func (s *Server) Stop() {}
