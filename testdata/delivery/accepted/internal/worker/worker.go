package worker

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var Processed = prometheus.NewCounter(prometheus.CounterOpts{Name: "shop_jobs_processed_total"})

type Pool struct {
	size int
	jobs chan func()
	wg   sync.WaitGroup
}

func NewPool(size int) *Pool { return &Pool{size: size, jobs: make(chan func())} }

func (p *Pool) Start() {
	for i := 0; i < p.size; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				job()
				Processed.Inc()
			}
		}()
	}
}

func (p *Pool) Stop() {
	close(p.jobs)
	p.wg.Wait()
}

// Heartbeat reports until the context ends.
func Heartbeat(ctx context.Context, beat func()) error {
	ticker := time.NewTicker(10 * time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			beat()
		}
	}
}
