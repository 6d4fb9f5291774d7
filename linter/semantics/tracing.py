"""Tracing spans (OpenTelemetry, OpenCensus): which calls start one, and where the context a
span was started in is handed on to whoever ends the span later."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.summaries import argument_index, call_of_argument, parameter_definition
from leakgate.semantics.syntax import ancestors, text

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel
    from leakgate.semantics.package import FunctionRef, PackageView

OTEL = ("go.opentelemetry.io/otel", "go.opentelemetry.io/otel/trace")
OPENCENSUS = "go.opencensus.io/trace"
_RETURNS_SPAN: Summary[bool] = Summary("returns a span it started")
_SPAN_FUNCTIONS: Fact[frozenset[str]] = Fact("functions whose signature mentions a span")
_ENDS_PARAMETER: Summary[bool | None] = Summary("ends or hands on its span parameter")
_HELPER_DEPTH = 3  # helpers followed from a span handed on


def span_starts(file: FileModel) -> list[Node]:
    """`X.Start(ctx, name, ...)` in files importing OpenTelemetry, OpenCensus's
    `trace.StartSpan(ctx, name)` and `StartSpanWithRemoteParent`, and calls of the module's
    functions that start a span and return it unended (`span := util.StartTrace()`), in
    source order."""
    found = [call for call, _ in file.calls_to(OPENCENSUS, {"StartSpan",
                                                            "StartSpanWithRemoteParent"})]
    found += _span_returning_calls(file)
    if file.imports.imports_any(frozenset(OTEL)):
        for call, operand in file.method_calls("Start"):
            arguments = call.child_by_field_name("arguments")
            items = [a for a in arguments.named_children if a.type != "comment"] \
                if arguments is not None else []
            if len(items) >= 2 and file.package_call(call) is None and \
                    _tracer_like(operand):
                found.append(call)
    return sorted(found, key=lambda n: n.start_byte)


def _is_span_type(file: FileModel, kind: Node | None) -> bool:
    """OpenTelemetry's `trace.Span` (however its package is imported) or OpenCensus's
    `*trace.Span`."""
    if kind is not None and kind.type == "pointer_type" and kind.named_child_count:
        return file.is_qualified(kind.named_children[-1], OPENCENSUS, "Span")
    return file.is_qualified(kind, "go.opentelemetry.io/otel/trace", "Span")


def _span_returning_calls(file: FileModel) -> list[Node]:
    """`pkg.F()` of another package of the module, and `f()` of this one, whose function
    declares a span as its only result and returns a span it started without ending it."""
    found = []
    for call in file.find("call_expression"):
        ref = _callee(file, call)
        if ref is not None and _returns_started_span(ref):
            found.append(call)
    return found


def _callee(file: FileModel, call: Node) -> FunctionRef | None:
    function = call.child_by_field_name("function")
    if file.package_call(call) is None and (
            function is None or function.type != "identifier" or
            text(function) not in _span_functions(file.package_view)):
        return None
    return module_callee(file, call)


def module_callee(file: FileModel, call: Node) -> FunctionRef | None:
    """The one function of the module ``call`` runs, when the syntax says which: `pkg.F()`
    of a package of the module, or a call the package resolves for certain."""
    qualified = file.package_call(call)
    if qualified is not None:
        module = file.package_view.module
        other = module.package(qualified[0]) if module is not None and \
            module.own(qualified[0]) else None
        refs = [r for r in other.functions_named(qualified[1]) if r.receiver is None] \
            if other is not None else []
        return refs[0] if len(refs) == 1 else None
    resolution = file.package_view.resolve_call(file, call)
    return resolution.targets[0] if resolution is not None and resolution.certain and \
        len(resolution.targets) == 1 else None


def helper_ends_span(file: FileModel, call: Node, index: int, depth: int = 0) -> bool | None:
    """What the module function ``call`` runs does with the span handed to it as argument
    ``index``: True when it ends it on every path or hands it on (returns, stores, passes it
    to code out of view), False when it only sets attributes or reads it, None when the
    callee is not the module's (or not known for certain)."""
    ref = module_callee(file, call) if depth <= _HELPER_DEPTH else None
    return _ends_parameter(ref, index, depth) if ref is not None else None


def _ends_parameter(ref: FunctionRef, index: int, depth: int) -> bool | None:
    def compute() -> bool | None:
        definition = parameter_definition(ref, index)
        body = ref.node.child_by_field_name("body")
        cfg = ref.file.cfg(ref.node)
        if definition is None or body is None or cfg is None:
            return None
        settled = []
        for use in ref.file.scopes(ref.node).uses(definition):
            parent = use.parent
            if parent is not None and parent.type == "selector_expression":
                field = parent.child_by_field_name("field")
                if field is not None and text(field) == "End":
                    settled.append(use.start_byte)
                continue
            how = escape_of_use(use, definition)
            call = call_of_argument(use) if how == "argument" else None
            position = argument_index(call, use) if call is not None else None
            if how == "argument" and call is not None and position is not None:
                if helper_ends_span(ref.file, call, position, depth + 1) is False:
                    continue
            if how is not None:
                settled.append(use.start_byte)
        return cfg.exit_from_entry_avoiding(settled) is None

    return ref.file.package_view.summary(_ENDS_PARAMETER.at(depth, index), ref, compute)


def _span_functions(view: PackageView) -> frozenset[str]:
    """Names of the package's functions whose first line mentions a span (a cheap superset
    of those that return one)."""

    def compute() -> frozenset[str]:
        return frozenset(f.name for f in view.function_texts() if b"Span" in f.head)

    return view.fact(_SPAN_FUNCTIONS, compute)


def _returns_started_span(ref: FunctionRef) -> bool:
    """The function's one result is a span, and it returns one it started and never ends."""

    def compute() -> bool:
        result = ref.node.child_by_field_name("result")
        if not _is_span_type(ref.file, result):
            return False
        body = ref.node.child_by_field_name("body")
        data = body.text or b"" if body is not None else b""
        return b".End(" not in data and any(
            start.start_byte >= ref.node.start_byte and start.end_byte <= ref.node.end_byte
            for start in _direct_starts(ref.file))

    return bool(ref.file.package_view.summary(_RETURNS_SPAN.at(0), ref, compute))


def _direct_starts(file: FileModel) -> list[Node]:
    found = [call for call, _ in file.calls_to(OPENCENSUS, {"StartSpan",
                                                            "StartSpanWithRemoteParent"})]
    if file.imports.imports_any(frozenset(OTEL)):
        found += [call for call, operand in file.method_calls("Start")
                  if file.package_call(call) is None and _tracer_like(operand)]
    return found


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

