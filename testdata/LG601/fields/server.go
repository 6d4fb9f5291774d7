package fields

import (
	"context"
	"time"
)

type Server struct {
	cancel context.CancelFunc
	stop   context.CancelFunc
	jobs   []*job
}

type watcher struct {
	ctx    context.Context
	cancel func()
}

type job struct {
	release context.CancelFunc
}

// Start keeps the cancel in a field that nothing ever calls.
func (s *Server) Start() context.Context {
	var ctx context.Context
	ctx, s.cancel = context.WithCancel(context.Background()) // want "LG601: the cancel function returned by context.WithCancel is kept in `s.cancel` \\(`Server.cancel`\\), and no code of the package calls it: `Server.Close` \\(close_silent.go:3\\) ends the Server without it"
	return ctx
}

// The cancel goes into a watcher whose Stop forgets it.
func (s *Server) Watch(parent context.Context) *watcher {
	ctx, cancel := context.WithTimeout(parent, time.Hour) // want "LG601: the cancel function returned by context.WithTimeout is kept in `watcher{cancel: ...}` \\(`watcher.cancel`\\), and no code of the package calls it: `watcher.Stop` \\(line 67\\) ends the watcher without it"
	return &watcher{ctx: ctx, cancel: cancel}
}

// Look-alikes.

// Kept in s.stop, which Close (in close.go) calls.
func (s *Server) Run(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	s.stop = cancel
	return ctx
}

// Kept in job.release, called through a value whose type the syntax does not give.
func (s *Server) AddJob(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	s.jobs = append(s.jobs, &job{release: cancel})
	return ctx
}

// Kept in rows.cancel, which Close calls; but the early return drops it.
type rows struct{ cancel context.CancelFunc }

func (r *rows) Close() { r.cancel() }

func Query(parent context.Context, fail bool) (*rows, error) {
	ctx, cancel := context.WithCancel(parent) // want "LG601: the cancel function returned by context.WithCancel is not used on all paths" "LG605"
	_ = ctx
	if fail {
		return nil, context.Canceled // want "LG601: this return can be reached without calling cancel" "LG605"
	}
	return &rows{cancel: cancel}, nil
}

// Stop ends the watcher's work, but not its context.
func (w *watcher) Stop() { w.ctx = nil }

// A registry made once for the whole process has no end: its context is meant to live as
// long as it does, and nothing is lost.
type registry struct {
	ctx    context.Context
	cancel context.CancelFunc
}

var global = newRegistry()

func newRegistry() *registry {
	ctx, cancel := context.WithCancel(context.Background())
	return &registry{ctx: ctx, cancel: cancel}
}
