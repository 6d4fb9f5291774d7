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
