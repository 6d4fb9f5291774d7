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
