"""
## What it does
Reports a send or receive that cannot give up, on an unbuffered channel kept in a struct field
(`s.events <- e`), made while the function holds a mutex field of the same struct
(`s.mu.Lock()` earlier, not unlocked in between, or unlocked only by `defer`), when the code on
the other side of that channel, anywhere in the package, locks the same mutex before its own
receive or send.

## Why is this bad?
The sender waits for a receiver while holding `mu`; the receiver must take `mu` before it can
receive. Each waits for the other: a deadlock that hangs both goroutines (and everything else
that needs `mu`) the first time the timing lines up, usually under load in production.

## Example
```go
func (s *Server) publish(e Event) {
    s.mu.Lock()
    defer s.mu.Unlock()
    s.events <- e // the loop below needs s.mu before it receives again
}

func (s *Server) loop() {
    for {
        s.mu.Lock()
        s.seen++
        s.mu.Unlock()
        e := <-s.events
        s.handle(e)
    }
}
```

## Use instead
Release the mutex before the channel operation (copy what you need under the lock), or make the
operation give up (`select` with `ctx.Done()` or a `default`).

## Notes
The channel's field must be made unbuffered everywhere in the package (`make(chan T)`), and
the types come from the syntax (receivers, parameters, fields declared with a type); an
operation whose struct type is not known is not reported. A select with another case can
give up and is not reported. Nor is a handshake where the other side is past its `Lock()`
whenever this operation runs: this side waits first on a channel the other side sends on or
closes only after locking, and the other side unlocks before its own operation (a `Stop` that
locks, signals `stop`, unlocks, then receives `stopped`).

## Suppress
`//leakgate:ignore LG104 <reason>`.
"""

from __future__ import annotations

import os

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.fields import (
    SEND,
    FieldOp,
    channel_op,
    field_ops,
    held_at,
    locked_before,
    passed_lock,
    unbuffered_field,
)
from leakgate.semantics.syntax import descendants, line_of, text


@rule(
    id="LG104", name="channel-op-under-lock", level=Level.ERROR, precision="high",
    tags=("reliability", "channel", "goroutine", "deadlock", "external/cwe/cwe-833"),
    summary="A blocking send or receive on a field channel while holding a mutex that the "
            "other side of the channel takes first",
    help=__doc__,
)
def channel_op_under_lock(ctx: FileContext) -> None:
    if b".Lock()" not in ctx.source.data or b"<-" not in ctx.source.data:
        return
    functions = {}
    for call, _ in ctx.method_calls("Lock"):
        function = ctx.enclosing_function(call)
        if function is not None:
            functions[function.start_byte] = function
    for function in functions.values():
        body = function.child_by_field_name("body")
        if body is None or b"<-" not in ctx.source.data[body.start_byte:body.end_byte]:
            continue
        for node in descendants(body, frozenset({"send_statement", "unary_expression"}),
                                into_functions=False):
            op = channel_op(ctx, node)
            if op is None or not op.blocking:
                continue
            _check_op_under_lock(ctx, function, op)


def _check_op_under_lock(ctx: FileContext, function: Node, op: FieldOp) -> None:
    held = [(lock, mutex) for lock, mutex in held_at(ctx, function, op.node)
            if mutex.owner == op.field.owner]
    if not held or not unbuffered_field(ctx, op.field):
        return
    for other in field_ops(ctx, op.field):
        if other.kind == op.kind:
            continue
        other_function = other.file.enclosing_function(other.node)
        if other_function is None or (other.file is ctx and other_function == function):
            continue
        for lock, mutex in held:
            taken = locked_before(other.file, other_function, other.node, mutex)
            if taken is None or passed_lock(op, other, taken, mutex):
                continue
            verb = "send on" if op.kind == SEND else "receive from"
            side = "receiver" if op.kind == SEND else "sender"
            where = f"line {line_of(taken)}" if other.file is ctx else \
                f"line {line_of(taken)} of {os.path.basename(other.file.path)}"
            ctx.report(op.node,
                       f"{verb} `{text(op.operand)}.{op.field.name}` while holding "
                       f"`{text(op.operand)}.{mutex.name}` (locked on line {line_of(lock)}): "
                       f"the {side} in `{other.file.function_name(other_function)}` takes "
                       f"`{mutex.name}` first ({where}), so each waits for the other. Unlock "
                       f"before the channel operation, or select with a way out")
            return
