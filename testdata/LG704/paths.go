package tracing

import (
	"context"
	"errors"
	"fmt"

	"go.opencensus.io/trace"
	"go.opentelemetry.io/otel"
	oteltrace "go.opentelemetry.io/otel/trace"
)

// A started span dropped by its statement can never be ended.
func dropped(ctx context.Context) {
	otel.Tracer("jobs").Start(ctx, "dropped") // want "LG704: dropped"
}

// Printing a span does not end it.
func printed(ctx context.Context) {
	_, span := trace.StartSpan(ctx, "printed") // want "LG704: not ended on every path"
	fmt.Println(span)
}

// OpenCensus's remote-parent start is a start too.
func remote(ctx context.Context, parent trace.SpanContext) {
	_, span := trace.StartSpanWithRemoteParent(ctx, "remote", parent) // want "LG704"
	fmt.Print(span)
}

// The first span is replaced before it ends: only the second one is ended.
func replaced(ctx context.Context) {
	_, span := otel.Tracer("jobs").Start(ctx, "first") // want "LG704: replaced on line 33"
	_, span = otel.Tracer("jobs").Start(ctx, "second")
	defer span.End()
}

// Each span ended before the next replaces it.
func sequential(ctx context.Context) {
	_, span := otel.Tracer("jobs").Start(ctx, "first")
	span.End()
	_, span = otel.Tracer("jobs").Start(ctx, "second")
	defer span.End()
}

// A deferred closure that ends the span only on failure.
func endedOnFailure(ctx context.Context) (err error) {
	_, span := otel.Tracer("jobs").Start(ctx, "failing") // want "LG704"
	defer func() {
		if err != nil {
			span.End()
		}
	}()
	return errors.New("failed")
}

// A deferred closure that records but never ends.
func recordedOnly(ctx context.Context) (err error) {
	_, span := otel.Tracer("jobs").Start(ctx, "recorded") // want "LG704"
	defer func() {
		span.RecordError(err)
	}()
	return nil
}

// A deferred closure that ends it on every path, a nested defer included.
func endedLater(ctx context.Context) (err error) {
	_, span := otel.Tracer("jobs").Start(ctx, "later")
	defer func() {
		if err != nil {
			span.RecordError(err)
		}
		defer func() { span.End() }()
	}()
	return nil
}

// A closure that would end it, thrown away.
func neverEnded(ctx context.Context) {
	_, span := otel.Tracer("jobs").Start(ctx, "never") // want "LG704"
	_ = func() { span.End() }
}

// startJob starts a span and hands it to its caller, who must end it.
func startJob(ctx context.Context) oteltrace.Span {
	_, span := otel.Tracer("jobs").Start(ctx, "job")
	return span
}

func runJob(ctx context.Context) {
	span := startJob(ctx) // want "LG704: not ended on every path"
	fmt.Print(span)
}

func runJobEnded(ctx context.Context) {
	span := startJob(ctx)
	defer span.End()
}
