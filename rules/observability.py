"""Family 7: observability — runtime collectors registered twice, metrics registered per call,
spans never ended."""

from __future__ import annotations

import re
from typing import cast

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.prometheus import registries_made, runtime_collectors_registered
from leakgate.semantics.syntax import (
    ancestors,
    assignment_of,
    call_callee,
    selected_field,
    text,
    unparen,
)
from leakgate.semantics.types import initial_value

PROMETHEUS = "github.com/prometheus/client_golang/prometheus"
COLLECTORS = "github.com/prometheus/client_golang/prometheus/collectors"
PROMAUTO = "github.com/prometheus/client_golang/prometheus/promauto"
OTEL = ("go.opentelemetry.io/otel", "go.opentelemetry.io/otel/trace")
OPENCENSUS = "go.opencensus.io/trace"

_RUNTIME_COLLECTORS = frozenset({"NewGoCollector", "NewProcessCollector"})
_REGISTER = frozenset({"MustRegister", "Register"})
_METRIC_CONSTRUCTORS = re.compile(r"^New(Counter|Gauge|Histogram|Summary|Untyped)(Vec|Func)?$")


def _runtime_collector(ctx: FileContext, node: Node) -> str | None:
    """`collectors.NewGoCollector(...)` or the deprecated `prometheus.New*Collector(...)`:
    its name, or None."""
    node = unparen(node)
    if node.type != "call_expression":
        return None
    called = ctx.package_call(node)
    if called is not None and called[0] in (COLLECTORS, PROMETHEUS) and \
            called[1] in _RUNTIME_COLLECTORS:
        return called[1]
    return None


def _on_default_registry(ctx: FileContext, call: Node) -> bool:
    """`prometheus.MustRegister(...)`, `prometheus.Register(...)`, or the same methods of
    `prometheus.DefaultRegisterer`."""
    called = ctx.package_call(call)
    if called is not None:
        return called[0] == PROMETHEUS and called[1] in _REGISTER
    operand, name = call_callee(call)
    return name in _REGISTER and operand is not None and \
        ctx.is_qualified(unparen(operand), PROMETHEUS, "DefaultRegisterer")


# --------------------------------------------------------------------------------------------
PROMHTTP = "github.com/prometheus/client_golang/prometheus/promhttp"
_SERVING = frozenset({"HandlerFor", "InstrumentMetricHandler"})
@rule(
    id="LG701", name="registry-without-runtime-collectors", level=Level.WARNING,
    precision="high", tags=("observability", "prometheus", "operability"),
    imports=(PROMHTTP,),
    summary="A custom Prometheus registry is served without the Go and process collectors",
    help="""
## What it does
Reports `promhttp.HandlerFor(reg, ...)` or `promhttp.InstrumentMetricHandler(reg, ...)` serving a
registry the package made with `prometheus.NewRegistry()` (or `NewPedanticRegistry()`), when
nothing in the package registers a Go or process collector on anything but the default
registry: the registry, a wrapper of it (`WrapRegistererWith`), or a helper it is handed to.
The package's files are read together: a registry made in one file, given collectors in
another and served from a third is silent.

## Why is this bad?
A new registry starts empty. Served without `collectors.NewGoCollector()` and
`collectors.NewProcessCollector(...)`, `/metrics` has no goroutine count, heap, GC pauses, file
descriptors or CPU: the leaks and the memory trouble this tool looks for stay invisible in
production until the OOM.

## Example
```go
reg := prometheus.NewRegistry()
reg.MustRegister(requests)
http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
```

## Use instead
```go
reg := prometheus.NewRegistry()
reg.MustRegister(collectors.NewGoCollector(),
    collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), requests)
```

## Notes
The default registry (`promhttp.Handler()`, `prometheus.DefaultGatherer`) holds both
collectors and is never reported, nor a registry whose origin the package does not show (a
parameter). Any runtime collector registered in the package on something other than the
default registry is taken to be for the served one. Tests and examples, whose registries are
minimal on purpose, are not checked.

## Suppress
`//leakgate:ignore LG701 <reason>`.
""",
)
def registry_without_runtime_collectors(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return  # a test's or an example's registry is minimal on purpose
    made = registries_made(ctx.package_view)
    if not made or runtime_collectors_registered(ctx.package_view):
        return
    for call, name in ctx.calls_to(PROMHTTP, _SERVING):
        arguments = call.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments is not None and \
            arguments.named_child_count else None
        if first is None:
            continue
        served = text(unparen(first)).rsplit(".", 1)[-1]
        if served not in made:
            continue
        ctx.report(call, f"promhttp.{name} serves the registry `{text(first)}` (made by "
                         f"prometheus.NewRegistry, which starts empty) and nothing in the "
                         f"package registers the Go or process collector on it: /metrics has no "
                         f"goroutine, memory, GC or file-descriptor metrics; register "
                         f"collectors.NewGoCollector() and collectors.NewProcessCollector(...)")


# --------------------------------------------------------------------------------------------
@rule(
    id="LG702", name="duplicate-collector-registration", level=Level.ERROR, precision="very-high",
    tags=("reliability", "observability", "prometheus"),
    imports=(PROMETHEUS,),
    summary="A Go or process collector registered on the default registry, which already has one",
    help="""
## What it does
Reports `prometheus.MustRegister(collectors.NewGoCollector())`, `prometheus.Register(...)` and
the same calls on `prometheus.DefaultRegisterer`, with a Go or process collector (the
`collectors.New*` spellings and the deprecated `prometheus.New*Collector`), directly or through
a variable.

## Why is this bad?
The default registry already holds a Go and a process collector. `MustRegister` panics at
start-up ("duplicate metrics collector registration attempted"; client_golang #1082, #1124),
and `Register` returns an `AlreadyRegisteredError` that is usually ignored. The blog advice to
"add runtime metrics" this way takes the service down on its first start.

## Example
```go
prometheus.MustRegister(prometheus.NewGoCollector())
```

## Use instead
Nothing: `promhttp.Handler()` already serves them. To configure the Go collector differently,
unregister the default one first:
```go
prometheus.Unregister(collectors.NewGoCollector())
prometheus.MustRegister(collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(...)))
```

## Notes
Silent when the package unregisters a runtime collector from the default registry anywhere
(the documented swap). Collectors registered on a registry of your own are LG701's business.

## Suppress
`//leakgate:ignore LG702 <reason>`.
""",
)
def duplicate_collector_registration(ctx: FileContext) -> None:
    for name in sorted(_REGISTER):
        for call, _operand in ctx.method_calls(name):
            if not _on_default_registry(ctx, call) or _unregisters_first(ctx):
                continue
            arguments = call.child_by_field_name("arguments")
            for argument in arguments.named_children if arguments is not None else ():
                collector = _runtime_collector(ctx, argument) or \
                    _runtime_collector_variable(ctx, argument)
                if collector is None:
                    continue
                what = "Go" if collector == "NewGoCollector" else "process"
                effect = "panics at start-up" if name == "MustRegister" else \
                    "returns an AlreadyRegisteredError"
                ctx.report(argument, f"the default registry already holds a {what} collector: "
                                     f"this {name} {effect}; drop it (promhttp.Handler() "
                                     f"already serves runtime metrics), or Unregister the "
                                     f"default one first")


def _runtime_collector_variable(ctx: FileContext, argument: Node) -> str | None:
    argument = unparen(argument)
    if argument.type != "identifier":
        return None
    definition = ctx.resolve(argument)
    value = initial_value(definition) if definition is not None else None
    return _runtime_collector(ctx, value) if value is not None else None


def _unregisters_first(ctx: FileContext) -> bool:
    def compute() -> bool:
        return any(b"Unregister(" in data and b"Collector(" in data
                   for data in ctx.package_view.texts())

    return cast(bool, ctx.package_view.fact("unregisters a runtime collector", compute))


# --------------------------------------------------------------------------------------------
@rule(
    id="LG703", name="metric-registered-per-call", level=Level.ERROR, precision="high",
    tags=("reliability", "observability", "prometheus"),
    imports=(PROMETHEUS, PROMAUTO),
    summary="A metric created and registered inside a handler or loop: the second call panics",
    help="""
## What it does
Reports a metric created and registered where it runs more than once: `promauto.New*(...)`,
`promauto.With(reg).New*(...)` or `prometheus.MustRegister(prometheus.New*(...))` inside an
HTTP handler (a function taking an `http.ResponseWriter` and an `*http.Request`, or a
`ServeHTTP` method, closures in it included), or inside a loop when its name is one string
literal (the same name every iteration).

## Why is this bad?
A registry accepts each metric once: the second request (or iteration) registers the same
descriptor again and `MustRegister` panics ("duplicate metrics collector registration
attempted"), taking the handler down.

## Example
```go
func handle(w http.ResponseWriter, r *http.Request) {
    hits := promauto.NewCounter(prometheus.CounterOpts{Name: "hits_total"})
    hits.Inc()
}
```

## Use instead
Create and register the metric once, at package level or in the constructor, and use it in
the handler.

## Notes
Silent inside a `sync.Once` (`once.Do(func() {...})`), in `init`, `main`, constructors and
package-level declarations, and in a loop that names each metric differently (one per shard or
per configured endpoint, built at start-up).

## Suppress
`//leakgate:ignore LG703 <reason>`.
""",
)
def metric_registered_per_call(ctx: FileContext) -> None:
    for call in _registering_calls(ctx):
        where = _runs_repeatedly(ctx, call)
        if where is None:
            continue
        ctx.report(call, f"this metric is created and registered {where}: the second run "
                         f"registers it again and panics; create it once, at package level or "
                         f"in a constructor")


def _registering_calls(ctx: FileContext) -> list[Node]:
    found = []
    for call, _name in ctx.calls_to(PROMAUTO, frozenset({
            f"New{kind}{suffix}" for kind in ("Counter", "Gauge", "Histogram", "Summary",
                                              "Untyped")
            for suffix in ("", "Vec", "Func")})):
        found.append(call)
    for name in ("NewCounter", "NewCounterVec", "NewGauge", "NewGaugeVec", "NewHistogram",
                 "NewHistogramVec", "NewSummary", "NewSummaryVec"):
        for call, operand in ctx.method_calls(name):
            inner = unparen(operand)
            if inner.type == "call_expression" and ctx.package_call(inner) == (PROMAUTO, "With"):
                found.append(call)
    for name in sorted(_REGISTER):
        for call, _operand in ctx.method_calls(name):
            if not _on_default_registry(ctx, call):
                continue
            arguments = call.child_by_field_name("arguments")
            for argument in arguments.named_children if arguments is not None else ():
                created = ctx.package_call(unparen(argument)) \
                    if unparen(argument).type == "call_expression" else None
                if created is not None and created[0] == PROMETHEUS and \
                        _METRIC_CONSTRUCTORS.match(created[1]):
                    found.append(call)
                    break
    return sorted(found, key=lambda n: n.start_byte)


def _runs_repeatedly(ctx: FileContext, call: Node) -> str | None:
    """Why ``call`` runs more than once, or None."""
    for holder in ancestors(call):
        if holder.type == "func_literal":
            parent = holder.parent
            invoked = parent.parent if parent is not None and parent.type == "argument_list" \
                else None
            if invoked is not None and call_callee(invoked)[1] == "Do":
                return None  # once.Do(func() {...})
            continue
        if holder.type == "for_statement":
            # Metrics built per item under names of their own are fine; the same name twice
            # is the panic.
            return "inside a loop" if _constant_name(call) else None
        if holder.type in ("function_declaration", "method_declaration"):
            if _is_handler(ctx, holder):
                return f"inside the HTTP handler {ctx.function_name(holder)}"
            return None
    return None


_NAME = re.compile(r'\bName:\s*("[^"]*"|`[^`]*`)\s*[,}]')


def _constant_name(call: Node) -> bool:
    """The metric's options spell its name as one string literal."""
    return _NAME.search(text(call)) is not None


def _is_handler(ctx: FileContext, function: Node) -> bool:
    if ctx.function_name(function) == "ServeHTTP" and function.type == "method_declaration":
        return True
    parameters = function.child_by_field_name("parameters")
    types = [text(p.child_by_field_name("type") or p).replace(" ", "")
             for p in parameters.named_children] if parameters is not None else []
    return any(t.endswith("http.ResponseWriter") for t in types) and \
        any(t.endswith("*http.Request") for t in types)


# --------------------------------------------------------------------------------------------
@rule(
    id="LG704", name="span-not-ended", level=Level.ERROR, precision="high",
    tags=("reliability", "observability", "tracing", "resource-leak"),
    imports=(*OTEL, OPENCENSUS),
    summary="A tracing span that is not ended on every path: it is never exported",
    help="""
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
"before" hook whose finalizer ends `SpanFromContext(ctx)`). Tests are not checked.

## Suppress
`//leakgate:ignore LG704 <reason>`; `//nolint:spancheck` is honoured.
""",
)
def span_not_ended(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for call in _span_starts(ctx):
        assigned = assignment_of(call)
        if assigned is None:
            continue  # returned or handed on: the caller's job
        statement, left = assigned
        if len(left) != 2:
            continue
        span = left[1]
        if text(span) == "_":
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
        settled = []
        for use in scopes.uses(definition):
            selected = selected_field(use)
            if selected is not None:
                if selected[0] == "End":
                    settled.append(use.start_byte)
            elif escape_of_use(use, definition) is not None:
                settled.append(use.start_byte)
        settled += _context_handed_on(ctx, left[0], statement)
        cfg = ctx.cfg(function)
        if cfg is None:
            continue
        leak = cfg.exit_avoiding(statement, lambda item, p=settled: any(
            item.start_byte <= x < item.end_byte for x in p))
        if leak is None:
            continue
        name = definition.name
        ctx.report(call, f"the span {name} is not ended on every path: {describe_exit(leak)} "
                         f"is reached without `{name}.End()`, so the span is never exported; "
                         f"call `defer {name}.End()` after this line")


def _context_handed_on(ctx: FileContext, context: Node, statement: Node) -> list[int]:
    """Where the context the span was started in is returned, stored or sent: it carries the
    span, and whoever receives it ends it (`trace.SpanFromContext(ctx).End()` in a
    finalizer)."""
    if context.type != "identifier":
        return []
    scopes = ctx.scopes(context)
    definition = scopes.resolve(context)
    if definition is None:
        return []
    found = []
    for use in scopes.uses(definition):
        if use.start_byte < statement.end_byte:
            continue
        how = escape_of_use(use, definition)
        if how in ("returned", "stored", "sent") or (
                how == "argument" and _returned(use) and _returns_context(definition.function)):
            found.append(use.start_byte)  # `return metadata.AppendToOutgoingContext(ctx, ...)`
    return found


def _returns_context(function: Node) -> bool:
    result = function.child_by_field_name("result")
    return result is not None and "Context" in text(result)


def _returned(node: Node) -> bool:
    """Whether ``node`` sits in a return statement of its own function."""
    for holder in ancestors(node):
        if holder.type == "return_statement":
            return True
        if holder.type in ("function_declaration", "method_declaration", "func_literal",
                           "block"):
            return False
    return False


def _span_starts(ctx: FileContext) -> list[Node]:
    """`X.Start(ctx, name, ...)` in files importing OpenTelemetry, and OpenCensus's
    `trace.StartSpan(ctx, name)`."""
    found = [call for call, _ in ctx.calls_to(OPENCENSUS, {"StartSpan"})]
    if ctx.imports.imports_any(frozenset(OTEL)):
        for call, operand in ctx.method_calls("Start"):
            arguments = call.child_by_field_name("arguments")
            items = [a for a in arguments.named_children if a.type != "comment"] \
                if arguments is not None else []
            if len(items) >= 2 and ctx.package_call(call) is None and \
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


RULES = [registry_without_runtime_collectors, duplicate_collector_registration,
         metric_registered_per_call, span_not_ended]
