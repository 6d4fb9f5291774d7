package noender

import (
	"context"

	"go.opencensus.io/trace"
)

func traced(ctx context.Context) {
	ctx, span := trace.StartSpan(ctx, "traced")
	defer span.End()
	_ = ctx
}
