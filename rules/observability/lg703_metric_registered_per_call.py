"""
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
Opt-in (`--select LG703`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: none of 16 findings was
judged worth fixing (the GitHub draw of 2026-12-02). All 16 registered on a registry made per
iteration, or labelled each metric by its item; both shapes are silent now, and the rule stays
opt-in until a fresh reading shows it holds.

Silent inside a `sync.Once` (`once.Do(func() {...})`), in `init`, `main`, constructors and
package-level declarations, in a loop that names each metric differently (one per shard or
per configured endpoint, built at start-up, or by a constant label whose value is a variable
of the loop), and in a loop that makes the registry it registers on
(`reg := prometheus.NewRegistry(); promauto.With(reg).NewCounter(...)`, one per test case or
tenant).

## Suppress
`//leakgate:ignore LG703 <reason>`.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.prometheus import (
    PROMAUTO,
    PROMETHEUS,
    registering_calls,
    registry_made_in,
)
from leakgate.semantics.syntax import ancestors, call_callee, descendants, text


@rule(
    id="LG703", name="metric-registered-per-call", level=Level.ERROR, precision="medium",
    tags=("reliability", "observability", "prometheus"),
    imports=(PROMETHEUS, PROMAUTO),
    default=False,
    summary="A metric created and registered inside a handler or loop: the second call panics",
    help=__doc__,
)
def metric_registered_per_call(ctx: FileContext) -> None:
    for call in registering_calls(ctx):
        where = _runs_repeatedly(ctx, call)
        if where is None:
            continue
        ctx.report(call, f"this metric is created and registered {where}: the second run "
                         f"registers it again and panics; create it once, at package level or "
                         f"in a constructor")


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
            # Metrics built per item under names (or constant labels) of their own are fine,
            # and so is one registry per item; the same metric twice on one is the panic.
            if not _constant_name(call) or _labelled_per_item(ctx, call, holder) or \
                    registry_made_in(ctx, call, holder):
                return None
            return "inside a loop"
        if holder.type in ("function_declaration", "method_declaration"):
            if _is_handler(ctx, holder):
                return f"inside the HTTP handler {ctx.function_name(holder)}"
            return None
    return None


_NAME = re.compile(r'\bName:\s*("[^"]*"|`[^`]*`)\s*[,}]')


def _labelled_per_item(ctx: FileContext, call: Node, loop: Node) -> bool:
    """`ConstLabels: map[string]string{"resource": string(kind)}` with `kind` a variable of the
    loop: each item's metric has labels of its own, a different metric to the registry."""
    for element in descendants(call, frozenset({"keyed_element"})):
        key = element.named_children[0] if element.named_child_count > 1 else None
        if key is None or text(key) != "ConstLabels":
            continue
        for name in descendants(element.named_children[-1], frozenset({"identifier"})):
            definition = ctx.resolve(name)
            if definition is not None and \
                    loop.start_byte <= definition.node.start_byte < loop.end_byte:
                return True
    return False


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
