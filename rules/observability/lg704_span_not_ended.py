"""
## What it does
Reports `ctx, span := tracer.Start(ctx, "name")` (OpenTelemetry),
`ctx, span := trace.StartSpan(ctx, "name")` or `StartSpanWithRemoteParent` (OpenCensus), or
`span := startTrace()` of a function of the module that starts a span and returns it unended,
whose `span.End()` is not called on every path to a return, naming the return; a span
replaced by another start before it ends; and a span assigned to `_` or dropped, which can
never be ended.

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
Opt-in (`--select LG704`, or `--select LG` for every rule); the delivery gate runs it. On fresh
code 2 of 8 findings were judged worth fixing (first readings to draw 2026-12-02-github8); the
false ones, spans ended by a module helper from a deferred closure and spans carried out in their
contexts, are now followed, but the first readings are what its level rests on.

A span ended in a deferred closure (on every path of the closure), returned, stored in a field
or struct, sent, or passed to a helper is assumed to be ended there. A helper of the module is
read: one that ends it on every path counts, also from a deferred closure
(`defer func() { traceutil.EndSpan(span, err) }()`), and one that only sets its attributes
does not. Printing or logging it (`fmt.Print(span)`) ends nothing, nor does a closure that
never runs (`_ = func() {...}`).
Handed-on spans are spancheck's known false alarms (spans handed to the caller, a struct or a
wrapper). A span whose context is returned, stored or sent counts as handed on too (a "before"
hook whose finalizer ends `SpanFromContext(ctx)`), and so does a span assigned to `_` whose
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
from leakgate.semantics.contexts import invoked_in_place
from leakgate.semantics.effects import never_runs, only_reads
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.scope import Definition
from leakgate.semantics.summaries import argument_index, call_of_argument
from leakgate.semantics.syntax import FUNCTION_TYPES, assignment_of, line_of, selected_field, text
from leakgate.semantics.tracing import (
    OPENCENSUS,
    OTEL,
    context_handed_on,
    ends_spans_from_contexts,
    helper_ends_span,
    span_starts,
)


@rule(
    id="LG704", name="span-not-ended", level=Level.ERROR, precision="medium",
    tags=("reliability", "observability", "tracing", "resource-leak"),
    imports=(*OTEL, OPENCENSUS),
    summary="A tracing span that is not ended on every path: it is never exported",
    default=False,
    help=__doc__,
)
def span_not_ended(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    starts = span_starts(ctx)
    for call in starts:
        parent = call.parent
        if parent is not None and parent.type == "expression_statement":
            ctx.report(call, "the span this call starts is dropped, so it can never be ended "
                             "and is never exported; keep it and `defer span.End()`")
            continue
        assigned = assignment_of(call)
        if assigned is None:
            continue  # returned or handed on: the caller's job
        statement, left = assigned
        if len(left) not in (1, 2):
            continue
        span = left[-1]
        if text(span) == "_":
            if len(left) == 1 or not _context_carries_it_out(ctx, call, left[0], statement):
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
        uses = scopes.uses(definition)
        settled = _ended_or_handed_on(ctx, uses, definition)
        if len(left) == 2:
            settled += context_handed_on(ctx, left[0], statement)
        cfg = ctx.cfg(function)
        if cfg is None:
            continue
        name = definition.name
        again = _replacing_start(uses, starts, statement)
        if again is not None and cfg.reaches_avoiding(statement, again, settled):
            ctx.report(call, f"the span {name} is replaced on line {line_of(again)} before it "
                             f"is ended, so it is never exported; end it first")
            continue
        leak = cfg.exit_avoiding(statement, settled)
        if leak is None:
            continue
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


def _replacing_start(uses: list[Node], starts: list[Node], first: Node) -> Node | None:
    """The first later statement that assigns the span variable another started span."""
    for use in uses:
        holder = use.parent
        statement = holder.parent if holder is not None else None
        if holder is None or statement is None or holder.type != "expression_list" or \
                statement.type != "assignment_statement" or \
                statement.child_by_field_name("left") != holder or \
                statement.start_byte <= first.start_byte:
            continue
        right = statement.child_by_field_name("right")
        if right is not None and any(right.start_byte <= s.start_byte < right.end_byte
                                     for s in starts):
            return statement
    return None


def _ended_or_handed_on(ctx: FileContext, uses: list[Node],
                        definition: Definition) -> list[int]:
    """Positions of the uses that end the span (`span.End()`) or hand it on (returned,
    stored, sent, passed to a helper that does not just read it, captured by a closure that
    runs later): the owner it goes to ends it. In a closure that runs now (deferred, or
    called where it stands) those count only when the closure does one of them on every
    path; in one that never runs, nothing does."""
    settled = []
    for use in uses:
        literal = _enclosing_literal(use, definition)
        if literal is not None and never_runs(literal):
            continue
        if literal is not None and _runs_now(literal):
            if _ends_on_every_path(ctx, literal, use, uses, definition):
                settled.append(use.start_byte)
            continue
        if _ends_or_hands_on(ctx, use, definition):
            settled.append(use.start_byte)
    return settled


def _ends_or_hands_on(ctx: FileContext, use: Node, definition: Definition,
                      captures: bool = True) -> bool:
    """This one use ends the span, or hands it to an owner that may: not a method call other
    than `End`, not an argument of a call that only reads it (`fmt.Print(span)`) or of a
    module helper that only sets its attributes."""
    selected = selected_field(use)
    if selected is not None:
        return selected[0] == "End"
    how = escape_of_use(use, definition, captures=captures)
    if how == "argument":
        consumer = call_of_argument(use)
        index = argument_index(consumer, use) if consumer is not None else None
        if consumer is not None and (only_reads(ctx, consumer) or (
                index is not None and helper_ends_span(ctx, consumer, index) is False)):
            return False
    return how is not None


def _enclosing_literal(use: Node, definition: Definition) -> Node | None:
    """The outermost function literal between the use and the span's own function."""
    found = None
    node = use.parent
    while node is not None and node != definition.function:
        if node.type in FUNCTION_TYPES:
            found = node
        node = node.parent
    return found if found is not None and found.type == "func_literal" else None


def _runs_now(literal: Node) -> bool:
    """Deferred (`defer func() {...}()`) or called where it stands."""
    call = literal.parent
    while call is not None and call.type == "parenthesized_expression":
        call = call.parent
    return invoked_in_place(literal) and call is not None and call.parent is not None and \
        call.parent.type in ("defer_statement", "expression_statement")


def _ends_on_every_path(ctx: FileContext, literal: Node, use: Node, uses: list[Node],
                        definition: Definition) -> bool:
    """The use ends the span or hands it on (`traceutil.EndSpan(span, err)`), and the
    closure reaches no return without doing one or the other."""
    inside = [u for u in uses if literal.start_byte <= u.start_byte < literal.end_byte and
              _ends_or_hands_on(ctx, u, definition, captures=False)]
    cfg = ctx.cfg(literal) if use in inside else None
    return cfg is not None and cfg.exit_from_entry_avoiding([u.start_byte for u in inside]) \
        is None
