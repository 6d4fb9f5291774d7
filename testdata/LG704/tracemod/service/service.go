package service

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"

	traceutil "example.com/tracemod/util/trace"
)

var tracer = otel.Tracer("service")

// Ended at exit through the module's helper, called from a deferred closure so that it reads
// the named result then.
func Generate(ctx context.Context) (retErr error) {
	ctx, span := tracer.Start(ctx, "generate")
	defer func() { traceutil.EndSpan(span, retErr) }()
	return work(ctx)
}

// The helper hands the span on to the one that ends it.
func Finished(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "finished")
	defer traceutil.Finish(span)
	return work(ctx)
}

// The deferred helper only records the error: nothing ends the span.
func Annotated(ctx context.Context) (retErr error) {
	ctx, span := tracer.Start(ctx, "annotated") // want "LG704"
	defer func() { traceutil.Annotate(span, retErr) }()
	return work(ctx)
}

// Handed to a helper that only annotates it, then left open on the error path.
func Partly(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "partly") // want "LG704"
	if err := work(ctx); err != nil {
		traceutil.Annotate(span, err)
		return err
	}
	span.End()
	return nil
}

func work(ctx context.Context) error {
	if ctx == nil {
		return errors.New("no context")
	}
	return nil
}
