package tracing

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

func deferred(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "deferred")
	defer span.End()
	return check(ctx)
}

// Handed to the caller, who ends it (spancheck #33).
func begin(ctx context.Context) (context.Context, trace.Span) {
	ctx, span := tracer.Start(ctx, "begin")
	return ctx, span
}

type op struct{ span trace.Span }

func start(ctx context.Context) *op {
	_, span := otel.Tracer("svc").Start(ctx, "op")
	return &op{span: span}
}

func closure(ctx context.Context) {
	ctx, span := tracer.Start(ctx, "closure")
	defer func() { span.End() }()
	_ = check(ctx)
}

// Not a tracer: a server's Start(ctx, addr).
type server struct{}

func (server) Start(ctx context.Context, addr string) (int, error) { return 0, nil }

func serve(ctx context.Context, srv server) {
	_, _ = srv.Start(ctx, ":80")
}

// A before-hook: the returned context carries the span, a finalizer ends it.
func before(ctx context.Context) context.Context {
	ctx, span := tracer.Start(ctx, "call")
	span.SetName("call")
	return ctx
}

func finalizer(ctx context.Context) {
	trace.SpanFromContext(ctx).End()
}

// The context carrying the span is returned wrapped: a stats handler ends the span later.
func tag(ctx context.Context) context.Context {
	ctx, span := tracer.Start(ctx, "rpc")
	span.SetName("rpc")
	return context.WithValue(ctx, key{}, "v")
}

type key struct{}
