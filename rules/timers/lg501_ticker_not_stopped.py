"""
## What it does
Reports `t := time.NewTicker(d)` in a function that can return without calling `t.Stop()`,
naming the return; and `time.NewTicker(d).C` used directly, which can never be stopped. Only for
modules whose go.mod `go` line is before 1.23, or unknown (the run then says it assumed so).

## Why is this bad?
Before Go 1.23 the runtime keeps a ticker alive until it is stopped, whether or not anything
still refers to it: every call of the function leaks one ticker that keeps firing into a
channel nobody reads, costing memory and CPU for the life of the process.

## Example
```go
func poll(ctx context.Context) error {
    t := time.NewTicker(time.Second)
    for {
        select {
        case <-ctx.Done():
            return ctx.Err() // the ticker is never stopped
        case <-t.C:
            check()
        }
    }
}
```

## Use instead
```go
    t := time.NewTicker(time.Second)
    defer t.Stop()
```

## Notes
Opt-in (`--select LG501`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: 17 of 26 findings were judged
worth fixing (draws 2026-12-01d to 2026-12-02m). The others were tickers left behind only when a
component made once per process shuts down.

A ticker stored in a field (`s.ticker = time.NewTicker(d)`, or a struct literal's key) is
reported when no file of the package stops it or does anything with the field but read its
channel: every value made leaks a ticker.

Silent when the ticker is returned, stored in a variable outside the function, passed to a call
or captured by a closure (whoever holds it stops it), when a field that holds it is stopped or
handed on anywhere in the package, in `main`, `init` and functions
only they run, and in functions that never return (an endless loop). Since Go 1.23 unreferenced
tickers are collected: set the module's `go` line (or `--go`) and the rule is silent. Tests
are not checked: what a test leaks ends with the test process.

## Suppress
`//leakgate:ignore LG501 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import TIMERS_COLLECTED
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.concurrency import runs_for_process
from leakgate.semantics.syntax import assignment_of, descendants, line_of, text
from leakgate.semantics.timers import TIME, field_only_read, returns_after, stop_leak


@rule(
    id="LG501", name="ticker-not-stopped", level=Level.WARNING, precision="medium",
    tags=("reliability", "timer", "resource-leak", "external/cwe/cwe-772"),
    imports=(TIME,),
    default=False,
    summary="A time.NewTicker that is not stopped on every path (leaks before Go 1.23)",
    help=__doc__,
)
def ticker_not_stopped(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # a test process is short-lived: what leaks there is gone with it
    for call, _ in ctx.calls_to(TIME, {"NewTicker"}):
        function = ctx.enclosing_function(call)
        if function is None:
            continue
        # A leak found is settled when it cannot accumulate (`main`, `init` and what only
        # they run happen once: asked last, it costs a look at the callers) or is none for the
        # module (since Go 1.23 tickers are collected).
        parent = call.parent
        if parent is not None and parent.type == "selector_expression":
            leak = returns_after(ctx, call, function)
            if leak is not None and not runs_for_process(ctx, call) and \
                    not ctx.has(TIMERS_COLLECTED):
                ctx.report(call, f"this ticker can never be stopped (only its channel is kept) "
                                 f"and {describe_exit(leak)} can be reached: it leaks; keep it and "
                                 f"`defer t.Stop()`")
            continue
        field = _field_holding(call)
        if field is not None:
            if field_only_read(ctx, field) and not runs_for_process(ctx, call) and \
                    not ctx.has(TIMERS_COLLECTED):
                ctx.report(call, f"the ticker kept in field `{field}` is never stopped: no code "
                                 f"of the package calls `.{field}.Stop()` or hands the ticker "
                                 f"on, so every value made here leaks a ticker that fires "
                                 f"forever (before Go 1.23); stop it where the value is closed "
                                 f"or shut down")
            continue
        found = stop_leak(ctx, call, function)
        if found is None or runs_for_process(ctx, call) or ctx.has(TIMERS_COLLECTED):
            continue
        name, leak = found
        earlier = _deferred_stop_before(function, name, call)
        fix = f"call `defer {name}.Stop()` after this line" if earlier is None else \
            (f"`defer {name}.Stop()` on line {line_of(earlier)} stops the ticker {name} held "
             f"when the defer ran, not this one: use `{name}.Reset(d)` instead of a new ticker, "
             f"or `defer func() {{ {name}.Stop() }}()`")
        ctx.report(call, f"the ticker {name} is not stopped on every path: "
                         f"{describe_exit(leak)} is reached without `{name}.Stop()` and the "
                         f"ticker keeps firing forever (before Go 1.23); {fix}")


def _field_holding(call: Node) -> str | None:
    """The field a new ticker is stored in: `s.ticker = time.NewTicker(d)`, or
    `&server{ticker: time.NewTicker(d)}`."""
    assigned = assignment_of(call)
    if assigned is not None:
        left = assigned[1]
        if len(left) == 1 and left[0].type == "selector_expression":
            field = left[0].child_by_field_name("field")
            return text(field) if field is not None else None
        return None
    holder = call.parent
    if holder is not None and holder.type == "literal_element":
        holder = holder.parent
    if holder is not None and holder.type == "keyed_element" and holder.named_child_count == 2 \
            and holder.named_children[1].start_byte <= call.start_byte:
        key = holder.named_children[0]
        key = key.named_children[0] if key.type == "literal_element" and \
            key.named_child_count else key
        return text(key) if key.type in ("field_identifier", "identifier") else None
    return None


def _deferred_stop_before(function: Node, name: str, call: Node) -> Node | None:
    """`defer name.Stop()` before ``call``: Go evaluates the receiver when the defer runs, so
    it stops the ticker `name` held then, not one assigned later."""
    for defer in descendants(function, frozenset({"defer_statement"}), into_functions=False):
        if defer.start_byte < call.start_byte and text(defer).replace(" ", "") == \
                f"defer{name}.Stop()":
            return defer
    return None
