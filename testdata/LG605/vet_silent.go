package vet

import (
	"context"
	"log"
	"time"
)

type holder struct{ cancel context.CancelFunc }

var stopAll context.CancelFunc

// Any use keeps the cancel: calling, deferring, storing, handing on, returning.
func deferred(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return call(ctx)
}

func stored(parent context.Context) (*holder, context.Context) {
	ctx, cancel := context.WithCancel(parent)
	return &holder{cancel: cancel}, ctx
}

func handedOn(parent context.Context, keep func(context.CancelFunc)) context.Context {
	ctx, cancel := context.WithCancel(parent)
	keep(cancel)
	return ctx
}

func returned(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Minute))
	return ctx, cancel
}

// A package variable, or one of the enclosing function, is somebody else's to call.
func packageLevel(parent context.Context) context.Context {
	var ctx context.Context
	ctx, stopAll = context.WithCancel(parent)
	return ctx
}

func closureAssigned(parent context.Context) func() {
	var cancel context.CancelFunc
	start := func() {
		var ctx context.Context
		ctx, cancel = context.WithCancel(parent)
		_ = ctx
	}
	start()
	return cancel
}

// A path that ends in log.Fatal or panic is no return.
func fatal(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	if err := call(ctx); err != nil {
		log.Fatal(err)
	}
	cancel()
}
