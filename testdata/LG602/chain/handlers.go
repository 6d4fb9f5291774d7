package chain

import "context"

type Service struct{ store *Store }

// load makes its own context (in store.go) while Get holds one.
func (s *Service) Get(ctx context.Context, id string) error {
	return s.store.load(id) // want "LG602: `Store.load` makes its own context \\(Store.load: context.Background\\(\\) on line"
}

// Two calls down: refresh -> load.
func (s *Service) Refresh(ctx context.Context, id string) error {
	return s.store.refresh(id) // want "LG602: `Store.refresh` makes its own context \\(Store.refresh -> Store.load"
}

// A helper that detaches on purpose, and says so.
func (s *Service) Audit(ctx context.Context, id string) error {
	return s.store.audit(id)
}

// A helper that builds a lifetime context for what it starts.
func (s *Service) Start(ctx context.Context) {
	s.store.startJanitor()
}

// Handing the work to a goroutine is a choice to detach.
func (s *Service) Prefetch(ctx context.Context, id string) {
	go s.store.load(id)
}

// Without a context of its own, the caller has nothing to pass.
func (s *Service) Warm(id string) error {
	return s.store.load(id)
}

// An exported helper without a context is an API decision, not reported at its callers.
func (s *Service) Public(ctx context.Context, id string) error {
	return s.store.Load(id)
}

// Through a chain, an error-checked setup is not reported (see semantics/contexts.py).
func (s *Service) Init(ctx context.Context) error {
	if err := s.store.setup(); err != nil {
		return err
	}
	return nil
}

// Nor called plainly: setup's own fresh context feeds an error-checked operation.
func (s *Service) Reinit(ctx context.Context) error {
	return s.store.setup()
}
