"""
## What it does
Reports the drain idiom `if !t.Stop() { <-t.C }` when another receive from `t.C` (a `select`
case earlier in the loop, a plain receive) can come before it without a `Reset` in between.

## Why is this bad?
`Stop` returns false when the timer already fired. If that value was already received, the
channel is empty and the drain blocks forever. Since Go 1.23 `Stop` returns false only in that
case (an unreceived value is discarded by `Stop`), so the drain is never needed there and
blocks whenever it runs.

## Example
```go
for {
    select {
    case <-t.C:
        flush()
    case item := <-in:
        if !t.Stop() {
            <-t.C // blocks forever if the case above already took the value
        }
        t.Reset(interval)
    }
}
```

## Use instead
Go 1.23 and later: drop the drain, `t.Reset(interval)` alone is correct. Before: drain without
blocking, `select { case <-t.C: default: }`, or track whether the value was received.

## Notes
Opt-in (`--select LG505`, or `--select LG` for every rule); the delivery gate runs it. On fresh
code 3 of 6 findings were judged worth fixing (first readings to draw 2026-12-02-github4): the
false ones drained only when a flag or the queue's state showed the timer had not been
received.

## Suppress
`//leakgate:ignore LG505 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import TIMERS_COLLECTED
from leakgate.semantics.syntax import (
    call_callee,
    descendants,
    line_of,
    statements_of,
    text,
    unparen,
)
from leakgate.semantics.timers import TIME


@rule(
    id="LG505", name="timer-drain-deadlock", level=Level.ERROR, precision="medium",
    tags=("reliability", "timer", "deadlock"),
    imports=(TIME,),
    summary="`if !t.Stop() { <-t.C }` after t.C may already have been received: blocks forever",
    default=False,
    help=__doc__,
)
def timer_drain_deadlock(ctx: FileContext) -> None:
    if b".Stop()" not in ctx.source.data:
        return
    for call, _ in ctx.method_calls("Stop"):
        drain = _drain_of(call)
        if drain is None:
            continue
        condition_if, receive, timer = drain
        function = ctx.enclosing_function(condition_if)
        cfg = ctx.cfg(function) if function is not None else None
        condition = condition_if.child_by_field_name("condition")
        if function is None or cfg is None or condition is None or \
                cfg.locate(condition) is None:
            continue
        # A Reset re-arms the timer, and an assignment makes the name another timer.
        resets = [c.start_byte for c, operand in ctx.method_calls("Reset")
                  if text(operand) == timer and
                  function.start_byte <= c.start_byte < function.end_byte]
        resets += [a.start_byte for a in _assignments_to(function, timer)]
        resets += _resetting_calls(ctx, function, timer)
        for earlier in _receives(function, timer):
            if earlier.start_byte == receive.start_byte or cfg.locate(earlier) is None:
                continue
            if cfg.reaches_avoiding(earlier, condition, resets):
                why = ("since Go 1.23 Stop returns false only when the value was already "
                       "received, so this drain blocks whenever it runs: remove it") \
                    if ctx.has(TIMERS_COLLECTED) else \
                    ("then Stop returns false and this receive blocks forever; drain with "
                     "`select { case <-" + timer + ".C: default: }`")
                ctx.report(receive, f"`{timer}.C` may already have been received (line "
                                    f"{line_of(earlier)}) when this drain runs: {why}")
                break


def _drain_of(stop: Node) -> tuple[Node, Node, str] | None:
    """For `t.Stop()` in `if !t.Stop() { <-t.C }`: (the if, the receive, "t")."""
    operand, _ = call_callee(stop)
    negation = stop.parent
    if operand is None or negation is None or negation.type != "unary_expression" or \
            not text(negation).startswith("!"):
        return None
    condition_if = negation.parent
    if condition_if is None or condition_if.type != "if_statement" or \
            condition_if.child_by_field_name("condition") != negation:
        return None
    timer = text(operand)
    for statement in statements_of(condition_if.child_by_field_name("consequence")):
        if statement.type == "expression_statement" and statement.named_child_count:
            receive = unparen(statement.named_children[0])
            if _receives_from(receive, timer):
                return condition_if, receive, timer
    return None


def _resetting_calls(ctx: FileContext, function: Node, timer: str) -> list[int]:
    """Calls of same-package functions that reset the field timer `x.timer` themselves."""
    if "." not in timer:
        return []
    needle = f".{timer.rsplit('.', 1)[-1]}.Reset("
    found = []
    for call in descendants(function, frozenset({"call_expression"}), into_functions=False):
        resolution = ctx.package_view.resolve_call(ctx, call)
        if resolution is not None and any(needle in text(t.node) for t in resolution.targets):
            found.append(call.start_byte)
    return found


def _assignments_to(function: Node, name: str) -> list[Node]:
    found = []
    for statement in descendants(function, frozenset({"short_var_declaration",
                                                      "assignment_statement", "var_spec"}),
                                 into_functions=False):
        left = statement.child_by_field_name("left")
        names = left.named_children if left is not None else \
            statement.children_by_field_name("name")
        if any(text(n) == name for n in names):
            found.append(statement)
    return found


def _receives_from(node: Node, timer: str) -> bool:
    return node.type == "unary_expression" and text(node).startswith("<-") and \
        node.named_child_count == 1 and text(node.named_children[0]) == f"{timer}.C"


def _receives(function: Node, timer: str) -> list[Node]:
    return [n for n in descendants(function, frozenset({"unary_expression"}),
                                   into_functions=False) if _receives_from(n, timer)]
