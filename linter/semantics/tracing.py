"""Tracing spans (OpenTelemetry, OpenCensus): which calls start one, and where the context a
span was started in is handed on to whoever ends the span later."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact
from leakgate.semantics.syntax import ancestors, text

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel
    from leakgate.semantics.package import PackageView

OTEL = ("go.opentelemetry.io/otel", "go.opentelemetry.io/otel/trace")
OPENCENSUS = "go.opencensus.io/trace"


def span_starts(file: FileModel) -> list[Node]:
    """`X.Start(ctx, name, ...)` in files importing OpenTelemetry, and OpenCensus's
    `trace.StartSpan(ctx, name)`, in source order."""
    found = [call for call, _ in file.calls_to(OPENCENSUS, {"StartSpan"})]
    if file.imports.imports_any(frozenset(OTEL)):
        for call, operand in file.method_calls("Start"):
            arguments = call.child_by_field_name("arguments")
            items = [a for a in arguments.named_children if a.type != "comment"] \
                if arguments is not None else []
            if len(items) >= 2 and file.package_call(call) is None and \
                    _tracer_like(operand):
                found.append(call)
    return sorted(found, key=lambda n: n.start_byte)


def _tracer_like(operand: Node) -> bool:
    """The receiver is a tracer by its spelling: `tracer`, `s.tracer`, `otel.Tracer("x")`,
    `tp.Tracer("x")` (a `Start(ctx, name)` of another type is rare beside an OpenTelemetry
    import, but a server's `srv.Start(ctx, addr)` is not)."""
    spelled = text(operand)
    last = spelled.rsplit(".", 1)[-1]
    return "tracer" in last.lower() or bool(re.search(r"\bTracer\(", spelled))


def context_handed_on(file: FileModel, context: Node, statement: Node) -> list[int]:
    """Where the context the span was started in (``context``, defined by ``statement``) is
    returned, stored or sent after it: it carries the span, and whoever receives it ends it
    (`trace.SpanFromContext(ctx).End()` in a finalizer)."""
    if context.type != "identifier":
        return []
    scopes = file.scopes(context)
    definition = scopes.resolve(context)
    if definition is None:
        return []
    found = []
    for use in scopes.uses(definition):
        if use.start_byte < statement.end_byte:
            continue
        how = escape_of_use(use, definition)
        if how in ("returned", "stored", "sent") or (
                how == "argument" and _in_return(use) and _returns_context(definition.function)):
            found.append(use.start_byte)  # `return metadata.AppendToOutgoingContext(ctx, ...)`
    return found


def _returns_context(function: Node) -> bool:
    result = function.child_by_field_name("result")
    return result is not None and "Context" in text(result)


def _in_return(node: Node) -> bool:
    """Whether ``node`` sits in a return statement of its own function."""
    for holder in ancestors(node):
        if holder.type == "return_statement":
            return True
        if holder.type in ("function_declaration", "method_declaration", "func_literal",
                           "block"):
            return False
    return False


_ENDS_FROM_CONTEXT = re.compile(rb"(?:Span)?FromContext\([^()]*\)(?:\.End\(|[^\n]*\n"
                                rb"(?:[^\n]*\n){0,12}?[^\n]*\.End\()")
_ENDER: Fact[bool] = Fact("a function ends the span of a context it is handed")


def ends_spans_from_contexts(view: PackageView) -> bool:
    """Whether some file of the package ends a span it takes from a context
    (`trace.FromContext(ctx).End()`, or `span := trace.SpanFromContext(ctx)` then
    `span.End()` a few lines on): a context handed to the package can have its span ended.
    A text test over the package's bytes, parsed or not."""

    def compute() -> bool:
        return any(_ENDS_FROM_CONTEXT.search(data) for data in view.texts()
                   if b"FromContext(" in data)

    return view.fact(_ENDER, compute)

