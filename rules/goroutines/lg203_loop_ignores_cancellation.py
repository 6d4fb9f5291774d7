"""
## What it does
In a function that receives a `context.Context` (or an `*http.Request`), reports an endless
`for {}` loop that blocks — a channel receive, a `select` without `default`, `time.Sleep` — but
never looks at the context (nor at any context derived from it).

## Why is this bad?
When the caller cancels or its deadline passes, the loop keeps running and keeps its goroutine,
connections and memory: cancellation, the one shutdown signal Go code shares, is ignored.

## Example
```go
func poll(ctx context.Context) error {
    for {
        if done() {
            return nil
        }
        time.Sleep(time.Second)
    }
}
```

## Use instead
```go
    t := time.NewTicker(time.Second)
    defer t.Stop()
    for {
        if done() {
            return nil
        }
        select {
        case <-ctx.Done():
            return ctx.Err()
        case <-t.C:
        }
    }
```

## Notes
Opt-in (`--select LG203`, or `--select LG` for every rule); the delivery gate runs it. None of 5
findings on fresh code was judged worth fixing (first readings to draw 2026-12-02-github9): the
loops ended by themselves (counted inner loops, a retry that waits for the clock to move, a poll
whose exit follows goroutines that stop on the context) or were handed only `context.TODO()`.

Any use of the context in the loop counts (passing it to a call propagates cancellation). A loop
whose select has a case that leaves it has a stop signal of its own, and a loop that waits on
channels but can end on its own (a return or break out, such as a closed-channel check) is
not reported; a loop that polls with `time.Sleep` is, exits or not, because its exit condition
may never come, unless a way out is guarded by the clock (`if time.Since(start) > limit {
return errTimeout }`: a deadline of its own). Silent in `_test.go` files, whose handlers hang
on purpose.

## Suppress
`//leakgate:ignore LG203 <reason>`.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.loops import loop_condition, loop_exits
from leakgate.semantics.syntax import ancestors, descendants, holding, line_of, text
from leakgate.semantics.types import context_carriers, context_parameters


@rule(
    id="LG203", name="loop-ignores-cancellation", level=Level.WARNING, precision="low",
    tags=("reliability", "context", "goroutine"),
    summary="An endless loop that blocks but never checks the context it was handed",
    default=False,
    help=__doc__,
)
def loop_ignores_cancellation(ctx: FileContext) -> None:
    if ctx.source.is_test:
        return  # test support (ctx.is_test reads the module) is asked only of a finding
    for loop in ctx.find("for_statement"):
        if not loop_condition(loop)[0]:
            continue
        function = ctx.enclosing_function(loop)
        if function is None:
            continue
        parameters = context_parameters(ctx, function)
        if not parameters:
            continue
        blocking = _blocking_operation(ctx, loop)
        if blocking is None:
            continue
        exits = loop_exits(ctx, loop)
        polls = blocking.type == "call_expression"
        if _select_leaves(loop, exits) or (exits and not polls) or _has_deadline(exits):
            continue
        scopes = ctx.scopes(function)
        carriers = context_carriers(ctx, function, [p for p, _ in parameters])
        if holding(use.start_byte for carrier in carriers for use in scopes.uses(carrier))(loop) \
                or ctx.is_test:
            continue
        parameter, is_request = parameters[0]
        shown = f"{parameter.name}.Context()" if is_request else parameter.name
        what = "sleeps" if blocking.type == "call_expression" else "blocks"
        ctx.report(loop.children[0],
                   f"this endless loop {what} (line {line_of(blocking)}) but never checks "
                   f"`{shown}`: when the caller cancels, it keeps running. Select on "
                   f"`{shown}.Done()` and return, or check `{shown}.Err()` each iteration")


def _blocking_operation(ctx: FileContext, loop: Node) -> Node | None:
    """A channel receive, a select without default, or time.Sleep in ``loop`` itself."""
    body = loop.child_by_field_name("body")
    if body is None:
        return None
    for node in descendants(body, frozenset({"unary_expression", "select_statement",
                                             "call_expression"}), into_functions=False):
        if node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == "<-":
                return node
        elif node.type == "select_statement":
            if not any(c.type == "default_case" for c in node.named_children):
                return node
        elif ctx.package_call(node) == ("time", "Sleep"):
            return node
    return None


def _select_leaves(loop: Node, exits: list[Node]) -> bool:
    """A select case in the loop leaves it: the loop has a stop signal of its own."""
    for exit_statement in exits:
        for holder in ancestors(exit_statement):
            if holder == loop:
                break
            if holder.type == "communication_case":
                return True
    return False


_CLOCK = re.compile(r"\btime\.(?:Now|Since|Until)\(")


def _has_deadline(exits: list[Node]) -> bool:
    """A way out guarded by the clock (`if time.Now().After(end) { return errTimeout }`): a
    polling loop with a deadline of its own ends however long the caller waits."""
    for exit_node in exits:
        holder = exit_node.parent
        while holder is not None and holder.type not in ("if_statement", "for_statement"):
            holder = holder.parent
        if holder is None or holder.type != "if_statement":
            continue  # no `if` between the exit and its loop
        header = [holder.child_by_field_name(field) for field in ("initializer", "condition")]
        if any(part is not None and _CLOCK.search(text(part)) for part in header):
            return True
    return False
