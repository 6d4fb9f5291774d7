"""
## What it does
Reports `t := time.NewTimer(d)` when a path returns without stopping the timer and without
receiving from `t.C`; and `t := time.AfterFunc(d, f)` when `t.Stop()` is called on some paths
but a return skips it. Only for modules whose go.mod `go` line is before 1.23, or unknown.

## Why is this bad?
Before Go 1.23 an unstopped timer stays in memory until it fires; with a long duration on a
path taken often (a cancelled request, an early error) they pile up. An AfterFunc not stopped
also runs its function after the caller has given up.

## Example
```go
t := time.NewTimer(timeout)
select {
case <-ctx.Done():
    return ctx.Err() // t is alive until timeout
case <-t.C:
    return errTimeout
case r := <-results:
    t.Stop()
    return r
}
```

## Use instead
```go
t := time.NewTimer(timeout)
defer t.Stop()
```

## Notes
A note, not a warning: the timer is released when it fires. Silent when the timer is
returned, stored outside the function, passed on or captured, when its duration is a constant
under a second (it is released within the second), in tests, and since Go 1.23.

Opt-in (`--select LG504`): an unstopped timer matters only where the function runs often
enough for timers to accumulate, which the code rarely shows. On fresh code nobody had tuned it
on, 1 of 9 findings was judged worth fixing (draws 2026-12-01 and 2026-12-01d: a shutdown loop
that ends once, BGP state-machine timers bounded by session attempts).

## Suppress
`//leakgate:ignore LG504 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import TIMERS_COLLECTED
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.concurrency import runs_for_process
from leakgate.semantics.syntax import assignment_of, enclosing_function, selected_field, text
from leakgate.semantics.timers import TIME, fires_within_a_second, stop_leak


@rule(
    id="LG504", name="timer-not-stopped", level=Level.NOTE, precision="medium",
    tags=("reliability", "timer", "resource-leak"),
    imports=(TIME,), default=False,
    summary="A time.NewTimer or time.AfterFunc not stopped on paths that return before it fires",
    help=__doc__,
)
def timer_not_stopped(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # a test process is short-lived: what leaks there is gone with it
    for call, name in ctx.calls_to(TIME, {"NewTimer", "AfterFunc"}):
        function = ctx.enclosing_function(call)
        if function is None:
            continue
        if name == "AfterFunc" and not _stopped_somewhere(call):
            continue  # fire and forget: the function is meant to run
        if fires_within_a_second(ctx, call):
            continue  # released within the second it was made
        found = stop_leak(ctx, call, function, also=_received)
        if found is None or runs_for_process(ctx, call) or ctx.has(TIMERS_COLLECTED):
            continue  # stopped or received, run once, or collected since Go 1.23
        variable, leak = found
        what = "timer" if name == "NewTimer" else "AfterFunc timer"
        ctx.report(call, f"the {what} {variable} is not stopped when {describe_exit(leak)} is "
                         f"reached: it stays in memory until it fires (before Go 1.23); call "
                         f"`defer {variable}.Stop()`")


def _stopped_somewhere(call: Node) -> bool:
    """`t := time.AfterFunc(d, f)` with `t.Stop()` somewhere in the same function."""
    assigned = assignment_of(call)
    if assigned is None or len(assigned[1]) != 1:
        return False
    name = text(assigned[1][0])
    function = enclosing_function(call)
    return function is not None and f"{name}.Stop()" in text(function)


def _received(use: Node) -> bool:
    """`<-t.C` (a plain receive or a select case): the timer fired and its value was taken."""
    selected = selected_field(use)
    holder = selected[1].parent if selected is not None else None
    if selected is None or selected[0] != "C" or holder is None:
        return False
    if holder.type == "unary_expression" and text(holder).startswith("<-"):
        return True
    # `timeout = t.C`: received through another name (a nil channel when there is no timer).
    return holder.type == "expression_list" and holder.parent is not None and \
        holder.parent.type in ("assignment_statement", "short_var_declaration", "var_spec") \
        and holder.parent.child_by_field_name("left") != holder
