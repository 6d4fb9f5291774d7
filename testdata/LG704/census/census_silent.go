package census

import (
	"context"

	"go.opencensus.io/trace"
)

func store(ctx context.Context) {
	ctx, span := trace.StartSpan(ctx, "store")
	defer span.End()
	_ = ctx
}

// The span is dropped, but the context that carries it goes back to the caller, whose
// paired helper, endSpan below, ends it (gocloud's StartSpan/EndSpan).
func startSpan(ctx context.Context, name string) context.Context {
	ctx, _ = trace.StartSpan(ctx, name)
	return ctx
}

// Wrapped on the way out (tags added): still the span's context.
func startTagged(ctx context.Context, name string, tag func(context.Context) (context.Context, error)) context.Context {
	ctx, _ = trace.StartSpan(ctx, name)
	ctx, err := tag(ctx)
	if err != nil {
		panic(err)
	}
	return ctx
}

func endSpan(ctx context.Context) {
	trace.FromContext(ctx).End()
}
