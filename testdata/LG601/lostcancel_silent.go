package lostcancel

import (
	"context"
	"log"
	"os"
	"testing"
	"time"
)

type worker struct {
	cancel context.CancelFunc
}

// Stored in a struct field and called later by Stop.
func (w *worker) Start(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	w.cancel = cancel
	return ctx
}

func (w *worker) Stop() { w.cancel() }

func Release(cancel context.CancelFunc) { cancel() }

// Passed to a helper that calls it.
func PassedToHelper(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer Release(cancel)
	_ = ctx
}

// Returned to the caller, who owns it.
func Returned(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return ctx, cancel
}

// Named results with a naked return hand the cancel to the caller.
func NamedResults(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}

// defer cancel() in a loop body: every iteration's cancel runs at return.
func DeferInLoop(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		_ = ctx
	}
}

// Every path either cancels or never returns.
func Exits(parent context.Context, mode int, t *testing.T) {
	ctx, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		t.FailNow()
	case 1:
		log.Fatal("stop")
	case 2:
		cancel()
	case 3:
		panic("boom")
	default:
		os.Exit(1)
	}
	_ = ctx
}

// An endless loop never returns.
func Forever(parent context.Context, work chan int) {
	ctx, cancel := context.WithCancel(parent)
	_ = cancel
	for {
		<-work
		_ = ctx
	}
}

// A cancel variable of the enclosing function, assigned in a closure.
func ClosureAssigned(parent context.Context) {
	var cancel func()
	func() {
		_, cancel = context.WithCancel(parent)
	}()
	cancel()
}

var packageCancel context.CancelFunc

// A package-level cancel variable is used elsewhere.
func PackageLevel(parent context.Context) {
	_, packageCancel = context.WithCancel(parent)
}

// A method called WithCancel on something else is not context.WithCancel.
type fake struct{}

func (fake) WithCancel(parent context.Context) (context.Context, func()) { return parent, func() {} }

func NotContext(parent context.Context) {
	var f fake
	ctx, _ := f.WithCancel(parent)
	_ = ctx
}

// A local variable that shadows the package name.
func Shadowed(parent context.Context) {
	context := fake{}
	ctx, _ := context.WithCancel(parent)
	_ = ctx
}

// The next spec of the same var block stores the cancel, before any return.
type janitor struct{ stop context.CancelFunc }

func (j *janitor) Close() { j.stop() }

func NewJanitor() *janitor {
	var (
		ctx, cancel = context.WithCancel(context.Background())
		j           = &janitor{stop: cancel}
	)
	_ = ctx
	return j
}

