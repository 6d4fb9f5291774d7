package census

import (
	"context"

	"go.opencensus.io/trace"
)

func fetch(ctx context.Context, ok bool) error {
	ctx, span := trace.StartSpan(ctx, "fetch") // want "LG704: the span span is not ended on every path"
	if !ok {
		return nil
	}
	span.End()
	_ = ctx
	return nil
}

// Dropped, and its context used only here: nobody can end it.
func dropped(ctx context.Context, run func(context.Context) error) error {
	ctx, _ = trace.StartSpan(ctx, "dropped") // want "LG704: assigned to `_`"
	return run(ctx)
}

// The context goes back on one path only.
func halfway(ctx context.Context, fast bool) context.Context {
	ctx, _ = trace.StartSpan(ctx, "halfway") // want "LG704: assigned to `_`"
	if fast {
		return context.Background()
	}
	return ctx
}
