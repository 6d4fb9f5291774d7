"""
## What it does
Reports `<-time.After(d)` as a case of a `select` inside a `for` loop when another case that can
fire again and again (a receive that takes a value, a send, or `default`) goes round the loop:
every iteration creates a timer, and the iterations that end through the other case abandon it.

## Why is this bad?
Before Go 1.23 each abandoned timer stays in memory until it fires: a busy loop with a long
timeout (an idle timeout of a minute, a message every millisecond) holds tens of thousands of
timers. Since 1.23 they are collected, but each iteration still allocates one: the finding is a
note there.

## Example
```go
for {
    select {
    case msg := <-in:
        handle(msg)
    case <-time.After(time.Minute):
        return errIdle
    }
}
```

## Use instead
```go
idle := time.NewTimer(time.Minute)
defer idle.Stop()
for {
    select {
    case msg := <-in:
        handle(msg)
        idle.Reset(time.Minute)
    case <-idle.C:
        return errIdle
    }
}
```

## Notes
Silent when every other case leaves the loop (`return`, a `break` out of it) or is a bare
signal (`case <-done:`, `case <-ctx.Done():`, which fires once): then each timer either fires
or is one of few; when the duration is a constant under a second (`time.After(time.Millisecond)`:
each timer is gone within the second, so they cannot pile up); and in tests.

Opt-in (`--select LG503`): whether timers pile up depends on how often the other cases fire,
which the code rarely shows. On fresh code nobody had tuned it on, 1 of 9 findings was judged
worth fixing (draws 2026-12-01c and 2026-12-01d: replies filtered by transaction ID, one
result per URL, fixed-count loops, durations capped at 100 ms, a low-rate event stream).

## Suppress
`//leakgate:ignore LG503 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import TIMERS_COLLECTED
from leakgate.semantics.concurrency import select_of
from leakgate.semantics.loops import loop_exits
from leakgate.semantics.syntax import statements_of, text
from leakgate.semantics.timers import TIME, fires_within_a_second


@rule(
    id="LG503", name="time-after-in-loop", level=Level.WARNING, precision="high",
    tags=("performance", "timer", "resource-leak"),
    imports=(TIME,), default=False,
    summary="time.After in a loop's select: a new timer every iteration",
    help=__doc__,
)
def time_after_in_loop(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # a test process is short-lived: what leaks there is gone with it
    for call, _ in ctx.calls_to(TIME, {"After"}):
        if fires_within_a_second(ctx, call):
            continue  # each abandoned timer is gone within the second: nothing accumulates
        receive = call.parent
        if receive is None or receive.type != "unary_expression" or \
                not text(receive).startswith("<-"):
            continue
        select = select_of(receive)
        if select is None:
            continue
        loop = ctx.inside(select, "for_statement")
        if loop is None or ctx.enclosing_function(loop) != ctx.enclosing_function(select):
            continue
        own = receive.parent
        while own is not None and own.type != "communication_case":
            own = own.parent
        others = [c for c in select.named_children
                  if c.type in ("communication_case", "default_case") and c != own]
        exits = {(e.start_byte, e.end_byte) for e in loop_exits(ctx, loop)}
        if not any(_streams(clause) and _goes_round(clause, exits) for clause in others):
            continue
        if ctx.has(TIMERS_COLLECTED):
            ctx.report(call, "time.After in a loop's select allocates a timer every iteration; "
                             "reuse one time.NewTimer and Reset it", level=Level.NOTE)
        else:
            ctx.report(call, "time.After in a loop's select creates a timer every iteration, "
                             "and each one abandoned by another case stays in memory until it "
                             "fires (before Go 1.23); reuse one time.NewTimer and Reset it")


def _streams(clause: Node) -> bool:
    """A case that can fire again and again: a `default`, a send, or a receive that takes a
    value (`case msg := <-in`). A bare `case <-done:` is a signal that fires once (a stop
    channel, a context, a completion): the timers it abandons are one per signal."""
    if clause.type == "default_case":
        return True
    communication = clause.child_by_field_name("communication")
    if communication is None:
        return False
    return communication.type == "send_statement" or (
        communication.type == "receive_statement" and
        communication.child_by_field_name("left") is not None)


def _goes_round(clause: Node, exits: set[tuple[int, int]]) -> bool:
    """Whether a select case can end without leaving the loop."""
    statements = statements_of(clause)
    if not statements:
        return True
    last = statements[-1]
    if (last.start_byte, last.end_byte) in exits:
        return False
    return last.type not in ("return_statement", "goto_statement") and \
        not (last.type == "expression_statement" and text(last).startswith("panic("))
