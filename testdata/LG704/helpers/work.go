package helpers

import (
	"context"

	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("helpers")

func Work(ctx context.Context) {
	ctx, span := tracer.Start(ctx, "work")
	defer finish(span)
	_ = ctx
}
