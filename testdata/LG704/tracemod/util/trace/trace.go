package trace

import (
	"go.opentelemetry.io/otel/codes"
	oteltrace "go.opentelemetry.io/otel/trace"
)

// EndSpan ends the span, with an error status when err is set.
func EndSpan(span oteltrace.Span, err error) {
	if err != nil {
		span.SetStatus(codes.Error, err.Error())
	}
	span.End()
}

// Finish hands the span on to EndSpan.
func Finish(span oteltrace.Span) {
	EndSpan(span, nil)
}

// Annotate only records the error: the span stays open.
func Annotate(span oteltrace.Span, err error) {
	if err != nil {
		span.RecordError(err)
	}
}
