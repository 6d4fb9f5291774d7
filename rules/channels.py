"""Family 1: channels — ranges that never end, sends nobody receives, operations that block
forever."""

from __future__ import annotations

import os

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.calls import fails_test
from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    INSPECT,
    OTHER,
    RANGE,
    RECEIVE,
    SEND,
    Channel,
    ChannelUse,
    all_made_channels,
    channel_uses,
    classify,
    goroutine_body,
    in_main_main,
    nil_channel_definitions,
    runs_for_process,
    started_in,
)
from leakgate.semantics.fields import SEND as SEND_OP
from leakgate.semantics.fields import (
    FieldOp,
    channel_op,
    field_ops,
    held_at,
    locked_before,
    unbuffered_field,
)
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.summaries import (
    SENDS,
    SENDS_OR_GIVES_UP,
    argument_index,
    call_of_argument,
    callee_closes,
    can_block,
    closed_on_some_path,
    handed_channel_uses,
)
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    call_callee,
    descendants,
    line_of,
    text,
)


# --------------------------------------------------------------------------------------------
@rule(
    id="LG101", name="range-over-unclosed-channel", level=Level.ERROR, precision="high",
    tags=("reliability", "channel", "goroutine", "resource-leak", "external/cwe/cwe-833"),
    summary="A range over a channel that is never closed (or not on every path)",
    help="""
## What it does
Reports `for v := range ch` where `ch` is made in this function with `make(chan T[, n])`, does
not leave it (not returned, passed to a call, stored or sent), and is never closed — or is
closed by a producer that can return without closing it. The range may sit in the function or in
a goroutine it starts.

## Why is this bad?
A range over a channel ends only when the channel is closed. Without `close`, the ranging
goroutine blocks forever once the producer stops: a goroutine leak, or a deadlock.

## Example
```go
results := make(chan int)
go func() {
    for _, j := range jobs {
        results <- work(j)
    }
}()
for r := range results { // never ends
    sum += r
}
```

## Use instead
```go
go func() {
    defer close(results)
    ...
}()
```

## Notes
Paths start at the channel's `make`: an early return before the channel exists skips nothing.
A channel handed to a function of the same package (`go fill(ch)`, `go s.emit(ch)`, in any file
of the package) is followed: closed there on every path (directly, by `defer`, or by a helper it
calls) counts as closed, and a producer that provably neither closes it nor hands it on is
named in the finding. A channel handed to code of another package, stored, returned or sent is
assumed to be closed there. When the closes are spread over several functions (a walk
callback and the goroutine around it, or the maker and its closures), which paths they cover
together is not known, and the range is not reported. A range its own function reaches only
through a close (`wg.Wait(); close(errs); for err := range errs`) is not reported either.
Silent when the channel is made in `main.main`, and for a range in a goroutine of a
command-line program (a `main` package that listens or serves nowhere, in a function with no
`context.Context` or `*http.Request` parameter on the way in): it ends with the process.

## Suppress
`//leakgate:ignore LG101 <reason>`.
""",
)
def range_over_unclosed_channel(ctx: FileContext) -> None:
    for channel in all_made_channels(ctx):
        uses = channel_uses(ctx, channel)
        ranges = [u for u in uses if u.kind == RANGE]
        if not ranges or in_main_main(ctx, channel.make_call):
            continue
        producers = _producers_not_closing(ctx, [u for u in uses if u.kind == ESCAPE])
        if producers is None:
            continue  # handed to code that closes it, or to code we cannot see
        closes = [u for u in uses if u.kind == CLOSE]
        ranges = [u for u in ranges if not _closed_before(ctx, channel, closes, u)]
        if not ranges:
            continue
        problem = _close_problem(ctx, channel, closes)
        if problem is None:
            continue
        if producers and not closes:
            problem = f"{producers[0]} does not close it"
        for use in ranges:
            if in_command_line_program(ctx, use.operation) and \
                    ctx.inside(use.operation, "go_statement") is not None:
                continue  # a goroutine of a command-line program: it ends with the process
            ctx.report(use.operation,
                       f"range over `{channel.name}` (made on line "
                       f"{line_of(channel.make_call)}) never ends: {problem}, so this loop "
                       f"blocks forever once the producer stops. Close the channel in the "
                       f"producer (`defer close({channel.name})`)")


def _closed_before(ctx: FileContext, channel: Channel, closes: list[ChannelUse],
                   use: ChannelUse) -> bool:
    """A range in the function that made the channel, reached only through a close of that
    function: `wg.Wait(); close(errs); for err := range errs` (an early return before the
    close never reaches the range either)."""
    maker = channel.definition.function
    own = [c.operation.start_byte for c in closes if c.function == maker]
    if use.function != maker or not own:
        return False
    cfg = ctx.cfg(maker)
    return cfg is not None and not cfg.reaches_avoiding(
        channel.definition.statement, use.operation,
        lambda item: any(item.start_byte <= x < item.end_byte for x in own))


def _producers_not_closing(ctx: FileContext, escapes: list[ChannelUse]) -> list[str] | None:
    """The same-package functions the channel is handed to, when each provably neither closes
    it nor hands it on (their names, for the message); None when any escape may close it."""
    names = []
    for use in escapes:
        call = call_of_argument(use.ident)
        index = argument_index(call, use.ident) if call is not None else None
        if call is None or index is None or callee_closes(ctx, call, index) is not False:
            return None
        names.append(f"`{call_callee(call)[1]}`")
    return names


def _close_problem(ctx: FileContext, channel: Channel, closes: list[ChannelUse]) -> str | None:
    """None when some function closes the channel on every path to its returns (for the
    function that makes it, every path from the `make`); otherwise what is wrong."""
    if not closes:
        return "it is never closed"
    maker = channel.definition.function
    own = [u.operation.start_byte for u in closes if u.function == maker]
    others = [u for u in closes if u.function != maker]
    if own and others:
        return None  # closed by the maker and by its closures: together, unknown
    leak: Node | None = None
    if own:
        cfg = ctx.cfg(maker)
        leak = cfg.exit_avoiding(
            channel.definition.statement,
            lambda item: any(item.start_byte <= x < item.end_byte for x in own)) \
            if cfg is not None else None
        if leak is None:
            return None
    if others:
        other_leak = closed_on_some_path(ctx, others)
        if other_leak is None:
            return None
        leak = leak or other_leak
    assert leak is not None
    where = f"the return on line {line_of(leak)}" if leak.type == "return_statement" else \
        f"the end of the function on line {int(leak.end_point[0]) + 1}"
    return f"it is closed on only some paths ({where} skips the close)"


# --------------------------------------------------------------------------------------------
def _go_call(go_statement: Node) -> Node | None:
    return next((c for c in go_statement.named_children if c.type == "call_expression"), None)


def _runs_call_with(go_statement: Node, argument: Node) -> bool:
    """`go f(ch)`: the channel is an argument of the call the goroutine runs."""
    call = _go_call(go_statement)
    return call is not None and call_of_argument(argument) == call


def _goroutine_of(use: ChannelUse, go_statements: list[Node]) -> Node | None:
    for go_statement in go_statements:
        if go_statement.start_byte <= use.ident.start_byte < go_statement.end_byte:
            return go_statement
    return None


def _in_loop(node: Node, stop: Node) -> bool:
    for parent in ancestors(node):
        if parent == stop:
            return False
        if parent.type == "for_statement":
            return True
    return False


def _most_sends(ctx: FileContext, go_statement: Node, sends: list[ChannelUse]) -> int:
    """Sends one run of the goroutine can make: sends on exclusive branches count once."""
    body = goroutine_body(ctx, go_statement)
    cfg = ctx.cfg(body) if body is not None else None
    if cfg is None:
        return len(sends)
    positions = [s.operation.start_byte for s in sends]
    return cfg.most_on_a_path(lambda item: any(item.start_byte <= p < item.end_byte
                                               for p in positions))


def _why(leak: Node) -> str:
    """Why the function returns there: the select case around the return, if any."""
    for parent in ancestors(leak):
        if parent.type in FUNCTION_TYPES:
            break
        if parent.type == "communication_case":
            communication = parent.child_by_field_name("communication")
            shown = text(communication) if communication is not None else ""
            if "time.After" in shown or ".C" in shown:
                return "on timeout"
            if ".Done()" in shown:
                return "on cancellation"
            return f"in the `case {shown}`"
    return "early"


@rule(
    id="LG102", name="abandoned-channel-send", level=Level.ERROR, precision="high",
    tags=("reliability", "channel", "goroutine", "resource-leak", "external/cwe/cwe-833"),
    summary="A goroutine sends on an unbuffered channel the function can stop receiving from",
    help="""
## What it does
Reports a send, in a goroutine started by a function, on an unbuffered channel that function
made, when the function can return without receiving it: the receive sits in a `select` whose
other case returns (a timeout, `ctx.Done()`), or a `return` comes between the `go` statement and
the receive. Buffered channels with room for every send are not reported, nor sends that can
give up (`select { case ch <- v: case <-ctx.Done(): }`).

## Why is this bad?
This is the most common goroutine leak in real Go code: after the function gives up, nobody
will ever receive, and the sender blocks forever, keeping its stack and everything it
references.

## Example
```go
res := make(chan result)
go func() { res <- fetch(ctx) }()
select {
case r := <-res:
    return r, nil
case <-time.After(time.Second):
    return result{}, errTimeout // the sender blocks forever
}
```

## Use instead
```go
res := make(chan result, 1) // the send never blocks
```
or send inside `select { case res <- r: case <-ctx.Done(): }`.

## Notes
The goroutine may be a function of the package (`go fill(ctx, res)`, in any file): its
summary says whether it sends without a way out. Channels kept in struct fields are not
followed: a send on a field channel whose only receiver loop returns on `ctx.Done()` looks
like this leak, but on real service code the context was the process's own shutdown
context every time (the stuck senders end with the process), so such findings were dismissed.

A channel handed to other code, or received from by another goroutine, is assumed drained. A
loop that receives counts as receiving. For a buffered channel, sends on exclusive branches of
the goroutine (`if err != nil { ch <- err; return }; ch <- v`) count once, sends in a loop are
assumed drained, and a capacity computed at run time (`make(chan T, len(jobs))`) is assumed to
fit. In tests, a way out that passes `t.Error`, `t.Errorf` or `t.Fail` (a watchdog's timeout
branch) is taken only by a test that has already failed, and is not counted. Silent in a
command-line program (a `main` package that listens or serves nowhere, in a function with no
`context.Context` or `*http.Request` parameter on the way in): its stuck goroutines end with
the process. A `main` package that runs a server is service code and is checked.

## Suppress
`//leakgate:ignore LG102 <reason>` on the send.
""",
)
def abandoned_channel_send(ctx: FileContext) -> None:
    by_function: dict[int, tuple[Node, list[Channel]]] = {}
    for channel in all_made_channels(ctx):
        function = channel.definition.function
        by_function.setdefault(function.start_byte, (function, []))[1].append(channel)
    for function, channels in by_function.values():
        go_statements = started_in(ctx, function)
        if not go_statements or in_command_line_program(ctx, function.child_by_field_name("body")
                                                            or function):
            continue  # a command-line program's goroutines end with its process
        for channel in channels:
            _check_sends(ctx, function, channel, go_statements)


def _check_sends(ctx: FileContext, function: Node, channel: Channel,
                 go_statements: list[Node]) -> None:
    if channel.capacity is None:
        return  # sized at run time: assume it has room
    uses = channel_uses(ctx, channel)
    senders: dict[int, tuple[Node, list[ChannelUse]]] = {}
    handed: list[tuple[Node, ChannelUse]] = []  # `go fill(ch)`: the goroutine is a function
    for use in uses:
        go_statement = _goroutine_of(use, go_statements)
        if use.kind == ESCAPE:
            if go_statement is None or not _runs_call_with(go_statement, use.ident) or \
                    not channel.unbuffered:
                return  # handed away (or how many a helper sends is unknown): assume drained
            handed.append((go_statement, use))
            continue
        if go_statement is None:
            if use.function != function and use.kind in (RECEIVE, RANGE):
                return  # another goroutine or callback drains it
            continue
        if use.kind in (RECEIVE, RANGE):
            return  # the goroutine receives too: not a plain producer
        if use.kind == SEND:
            senders.setdefault(go_statement.start_byte, (go_statement, []))[1].append(use)
    receives = [u.operation for u in uses
                if u.kind in (RECEIVE, RANGE) and u.function == function]
    cfg = ctx.cfg(function)
    if cfg is None:
        return
    positions = [r.start_byte for r in receives]
    loops_receiving = [loop for loop in descendants(function, frozenset({"for_statement"}),
                                                    into_functions=False)
                       if any(loop.start_byte <= p < loop.end_byte for p in positions)]

    def receives_here(item: Node) -> bool:
        if any(item.start_byte <= p < item.end_byte for p in positions):
            return True
        if ctx.is_test and fails_test(ctx, item):
            return True  # a way out only for a test that has already failed
        parent = item.parent
        if parent is not None and parent.type == "for_clause":
            parent = parent.parent
        return parent is not None and parent in loops_receiving and \
            parent.child_by_field_name("body") != item

    handed_leaks = []
    for go_statement, use in handed:
        leak = cfg.exit_avoiding(go_statement, receives_here)
        if leak is None and not senders:
            continue  # received on every path: what the helper does cannot leak it
        kinds = handed_channel_uses(ctx, use.ident)
        if kinds is None or kinds & {RECEIVE, RANGE}:
            return  # unknown code, or the goroutine receives too
        if leak is not None and SENDS in kinds:
            handed_leaks.append((go_statement, leak))
    for go_statement, leak in handed_leaks:
        callee = call_callee(_go_call(go_statement))[1]
        where = f"line {line_of(leak)}" if leak.type == "return_statement" else \
            f"its end (line {int(leak.end_point[0]) + 1})"
        ctx.report(go_statement.children[0],
                   f"goroutine `{callee}` sends on unbuffered channel `{channel.name}`; the "
                   f"function can return at {where} ({_why(leak)}) without receiving, and "
                   f"`{callee}` then blocks forever: make the channel buffered "
                   f"(`make(chan T, 1)`) or select on ctx.Done() when sending")
    for go_statement, sends in senders.values():
        blocking = [s for s in sends if can_block(s)]
        if not blocking:
            continue
        if channel.capacity > 0 and (any(_in_loop(s.operation, go_statement) for s in sends)
                                     or _most_sends(ctx, go_statement, sends) <= channel.capacity):
            continue
        leak = cfg.exit_avoiding(go_statement, receives_here)
        if leak is None:
            continue
        where = f"line {line_of(leak)}" if leak.type == "return_statement" else \
            f"its end (line {int(leak.end_point[0]) + 1})"
        kind = "unbuffered" if channel.unbuffered else f"capacity-{channel.capacity}"
        ctx.report(blocking[0].operation,
                   f"goroutine started on line {line_of(go_statement)} sends on {kind} channel "
                   f"`{channel.name}`; the function can return at {where} ({_why(leak)}) "
                   f"without receiving, and the sender then blocks forever: make the channel "
                   f"buffered (`make(chan T, 1)`) or select on ctx.Done() when sending")


# --------------------------------------------------------------------------------------------
def _nil_channels(ctx: FileContext) -> list[tuple[Node, list[ChannelUse]]]:
    """`var ch chan T` locals that are never assigned or handed away."""
    found = []
    for definition in nil_channel_definitions(ctx):
        scopes = ctx.scopes(definition.node)
        uses = [classify(ctx, use, definition) for use in scopes.uses(definition)]
        if any(u.kind not in (SEND, RECEIVE, RANGE) for u in uses):
            continue  # assigned, closed, passed, captured for assignment ...
        found.append((definition.node, uses))
    return found


@rule(
    id="LG103", name="blocking-forever", level=Level.WARNING, precision="high",
    tags=("reliability", "channel", "goroutine", "external/cwe/cwe-833"),
    summary="`select {}` or an operation on a nil channel blocks forever",
    help="""
## What it does
Reports `select {}` outside `main.main`; a send, receive or range on a local channel
declared with `var ch chan T` and never assigned: a nil channel; and a receive from a channel
made in the function that nothing can ever send on or close: not the function, not its
closures, not the same-package functions it is handed to (`go watch(done)` where `watch` only
receives from `done`); and a send on an unbuffered channel the function made, before the
channel has reached any goroutine, closure or call: nobody can be there to receive it.

## Why is this bad?
Both block the goroutine forever. In a library or a handler that is a goroutine leak (or a
deadlock), usually the leftover of a refactoring: the channel was meant to be made, or the
function was meant to wait on something that can end.

## Example
```go
var done chan struct{}
go work(func() { ... })
<-done // nil: blocks forever
```

## Use instead
```go
done := make(chan struct{})
```
and wait on a context or a signal that can end instead of `select {}`.

## Notes
A nil channel in a `select` case is a legitimate way to disable that case and is not reported.
`select {}` is silent in `main.main`, `init` and in unexported functions of the package that
only they call (directly or through each other): parking the main goroutine is how a
daemon waits for its signals.
A `select {}` on a conditional branch (`if serveForever { select {} }`, a `case <-dying:`) is a
deliberate park and is not reported either. Silent in `_test.go` files, where tests block
goroutines on purpose.

## Suppress
`//leakgate:ignore LG103 <reason>`.
""",
)
def blocking_forever(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for select in ctx.find("select_statement"):
        if any(c.type in ("communication_case", "default_case") for c in select.named_children):
            continue
        if runs_for_process(ctx, select) or _on_a_branch(ctx, select):
            continue
        ctx.report(select, "`select {}` blocks this goroutine forever: wait on a context, a "
                           "signal or a channel that can end instead")
    for channel, receive, handed in _never_woken(ctx):
        via = f" (`{'`, `'.join(handed)}` only receives from it)" if handed else ""
        ctx.report(receive.operation,
                   f"receive from `{channel.name}` blocks forever: nothing sends on it or "
                   f"closes it{via}. Close it where the work ends (`defer close("
                   f"{channel.name})`), or send on it")
    for channel, send in _sends_before_any_receiver(ctx):
        ctx.report(send.operation,
                   f"send on unbuffered channel `{channel.name}` blocks forever: no other "
                   f"goroutine has it yet (made on line {line_of(channel.make_call)}, not "
                   f"handed to anything before this send). Start the receiver first, or make "
                   f"the channel buffered")
    for declared, uses in _nil_channels(ctx):
        for use in uses:
            if use.in_select is not None:
                continue
            verb = {SEND: "send on", RECEIVE: "receive from", RANGE: "range over"}[use.kind]
            ctx.report(use.operation,
                       f"{verb} `{text(declared)}` blocks forever: it is a nil channel "
                       f"(declared on line {line_of(declared)}, never assigned). Make it with "
                       f"`make(chan T)`")


def _sends_before_any_receiver(ctx: FileContext) -> list[tuple[Channel, ChannelUse]]:
    """Blocking sends, on an unbuffered channel the function made, that come (in the
    function's own body, in source order) before the channel reaches any other goroutine,
    closure or call: nobody can be there to receive."""
    found = []
    for channel in all_made_channels(ctx):
        if not channel.unbuffered:
            continue
        maker = channel.definition.function
        for use in channel_uses(ctx, channel):
            if use.function != maker or use.kind not in (SEND, INSPECT, OTHER):
                break  # from here on another goroutine may hold it
            if ctx.inside(use.ident, "go_statement") is not None:
                break
            if use.kind == SEND:
                # In a loop, a goroutine started later in the body may be running by the
                # time an iteration sends: source order is not the order of execution.
                if can_block(use) and not _in_loop(use.operation, maker):
                    found.append((channel, use))
                break
    return found


def _never_woken(ctx: FileContext) -> list[tuple[Channel, ChannelUse, list[str]]]:
    """Channels made here that nobody can send on or close: not in this function or its
    closures, and not in the same-package functions they are handed to (their summaries say
    so). A plain receive from one blocks forever."""
    found = []
    for channel in all_made_channels(ctx):
        uses = channel_uses(ctx, channel)
        receives = [u for u in uses if u.kind == RECEIVE and can_block(u)]
        if not receives or any(u.kind in (SEND, CLOSE) for u in uses):
            continue
        handed: list[str] = []
        for use in uses:
            if use.kind != ESCAPE:
                continue
            kinds = handed_channel_uses(ctx, use.ident)
            call = call_of_argument(use.ident)
            if kinds is None or call is None or kinds & {SENDS, SENDS_OR_GIVES_UP, CLOSE}:
                break
            handed.append(call_callee(call)[1])
        else:
            if not runs_for_process(ctx, receives[0].operation):
                found.append((channel, receives[0], handed))
    return found


def _on_a_branch(ctx: FileContext, node: Node) -> bool:
    """Whether ``node`` sits in an if, case or select branch of its function: a deliberate
    park on an exceptional path (a debug flag, a dying process)."""
    function = ctx.enclosing_function(node)
    for holder in ancestors(node):
        if holder == function:
            return False
        if holder.type in ("if_statement", "expression_case", "type_case",
                           "communication_case", "default_case"):
            return True
    return False


# --------------------------------------------------------------------------------------------
@rule(
    id="LG104", name="channel-op-under-lock", level=Level.ERROR, precision="high",
    tags=("reliability", "channel", "goroutine", "deadlock", "external/cwe/cwe-833"),
    summary="A blocking send or receive on a field channel while holding a mutex that the "
            "other side of the channel takes first",
    help="""
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
give up and is not reported.

## Suppress
`//leakgate:ignore LG104 <reason>`.
""",
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
            if taken is None:
                continue
            verb = "send on" if op.kind == SEND_OP else "receive from"
            side = "receiver" if op.kind == SEND_OP else "sender"
            where = f"line {line_of(taken)}" if other.file is ctx else \
                f"line {line_of(taken)} of {os.path.basename(other.file.path)}"
            ctx.report(op.node,
                       f"{verb} `{text(op.operand)}.{op.field.name}` while holding "
                       f"`{text(op.operand)}.{mutex.name}` (locked on line {line_of(lock)}): "
                       f"the {side} in `{other.file.function_name(other_function)}` takes "
                       f"`{mutex.name}` first ({where}), so each waits for the other. Unlock "
                       f"before the channel operation, or select with a way out")
            return


RULES = [range_over_unclosed_channel, abandoned_channel_send, blocking_forever,
         channel_op_under_lock]
