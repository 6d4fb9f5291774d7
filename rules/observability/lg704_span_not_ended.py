"""
## What it does
Reports `ctx, span := tracer.Start(ctx, "name")` (OpenTelemetry) or
`ctx, span := trace.StartSpan(ctx, "name")` (OpenCensus) whose `span.End()` is not called on
every path to a return, naming the return; and a span assigned to `_`, which can never be
ended.

## Why is this bad?
A span is exported only when it ends. One never ended is lost, together with the timing it was
meant to show: traces break exactly around the slow and failing paths, and the unfinished span
stays in memory.

## Example
```go
ctx, span := tracer.Start(ctx, "load")
if err := check(ctx); err != nil {
    return err // span never ended
}
defer span.End()
```

## Use instead
```go
ctx, span := tracer.Start(ctx, "load")
defer span.End()
```

## Notes
A span ended in a deferred closure, returned, stored in a field or struct, sent, or passed to
a helper is assumed to be ended there (spancheck's known false alarms: spans handed to the
caller, a struct or a wrapper); so is a span whose context is returned, stored or sent (a
"before" hook whose finalizer ends `SpanFromContext(ctx)`), and a span assigned to `_` whose
context is returned, stored or sent on every path (`ctx, _ = trace.StartSpan(ctx, name);
return ctx`) in a package that ends spans it takes from contexts (a paired `EndSpan(ctx)`
calling `trace.FromContext(ctx).End()`). Tests are not checked.

## Suppress
`//leakgate:ignore LG704 <reason>`; `//nolint:spancheck` is honoured.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import assignment_of, selected_field, text
from leakgate.semantics.tracing import (
    OPENCENSUS,
    OTEL,
    context_handed_on,
    ends_spans_from_contexts,
    span_starts,
)


@rule(
    id="LG704", name="span-not-ended", level=Level.ERROR, precision="high",
    tags=("reliability", "observability", "tracing", "resource-leak"),
    imports=(*OTEL, OPENCENSUS),
    summary="A tracing span that is not ended on every path: it is never exported",
    help=__doc__,
)
def span_not_ended(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for call in span_starts(ctx):
        assigned = assignment_of(call)
        if assigned is None:
            continue  # returned or handed on: the caller's job
        statement, left = assigned
        if len(left) != 2:
            continue
        span = left[1]
        if text(span) == "_":
            if not _context_carries_it_out(ctx, call, left[0], statement):
                ctx.report(call, "the span is assigned to `_`, so it can never be ended and is "
                                 "never exported; keep it and `defer span.End()`")
            continue
        if span.type != "identifier":
            continue  # stored in a field: ended by its owner
        function = ctx.enclosing_function(call)
        scopes = ctx.scopes(call)
        definition = scopes.resolve(span)
        if function is None or definition is None or definition.function != function:
            continue
        settled = _ended_or_handed_on(scopes.uses(definition), definition)
        settled += context_handed_on(ctx, left[0], statement)
        cfg = ctx.cfg(function)
        if cfg is None:
            continue
        leak = cfg.exit_avoiding(statement, settled)
        if leak is None:
            continue
        name = definition.name
        ctx.report(call, f"the span {name} is not ended on every path: {describe_exit(leak)} "
                         f"is reached without `{name}.End()`, so the span is never exported; "
                         f"call `defer {name}.End()` after this line")


def _context_carries_it_out(ctx: FileContext, call: Node, context: Node,
                            statement: Node) -> bool:
    """A span dropped as `_` is still reachable through the context it was started in: when
    that context is returned, stored or sent on every path, and the package has a function
    that ends the span of a context it is handed (`trace.FromContext(ctx).End()`, gocloud's
    StartSpan/EndSpan pair), that receiver ends it."""
    handed = context_handed_on(ctx, context, statement)
    function = ctx.enclosing_function(call)
    cfg = ctx.cfg(function) if handed and function is not None and \
        ends_spans_from_contexts(ctx.package_view) else None
    return cfg is not None and cfg.exit_avoiding(statement, handed) is None


def _ended_or_handed_on(uses: list[Node], definition: Definition) -> list[int]:
    """Positions of the uses that end the span (`span.End()`) or hand it on (returned,
    stored, sent, passed to a helper, captured): the owner it goes to ends it."""
    settled = []
    for use in uses:
        selected = selected_field(use)
        if selected is not None:
            if selected[0] == "End":
                settled.append(use.start_byte)
        elif escape_of_use(use, definition) is not None:
            settled.append(use.start_byte)
    return settled
