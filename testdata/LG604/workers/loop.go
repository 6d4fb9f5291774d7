package workers

import "context"

type scheduler struct{ jobs chan func() }

func (s *scheduler) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case job := <-s.jobs:
			job()
		}
	}
}

func (s *scheduler) schedule() {}

func refresh(ctx context.Context) { _ = ctx }

func flush(ctx context.Context) error { return ctx.Err() }
