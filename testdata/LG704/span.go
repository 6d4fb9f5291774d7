package tracing

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("svc")

func load(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "load") // want "LG704: the span span is not ended on every path: the return at line 15"
	if err := check(ctx); err != nil {
		return err
	}
	defer span.End()
	return nil
}

func discarded(ctx context.Context) {
	_, _ = otel.Tracer("svc").Start(ctx, "x") // want "LG704: assigned to `_`"
}

func check(ctx context.Context) error { return errors.New("x") }

func oneBranch(ctx context.Context, fast bool) error {
	ctx, span := tracer.Start(ctx, "branch") // want "LG704: the return at line 33"
	if fast {
		span.End()
		return nil
	}
	return check(ctx)
}
