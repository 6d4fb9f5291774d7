"""
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
Opt-in (`--select LG102`; `--select LG` runs every rule, as the gate does): on fresh code 61 of
191 findings outside tests were worth fixing (draws 2026-12-01 to -04-github30; across methods
11 of 36), most false ones run once per process; since it reports only code shown to run again
and again, 17 of 30 (-github31 to -github33), the others in races a normal run does not lose.

The goroutine may be a function of the package (`go fill(ctx, res)`, in any file): its summary says
whether it sends without a way out. Across methods: a plain send on an unbuffered channel field
whose only receiver is one loop's select, which returns when a stop field of the same struct is
closed (`case <-n.stop: return`, by a method the module calls) without draining it, unless the send
holds a lock the closer takes before closing (a send after `Close` is misuse) or the closing
function makes it itself before it closes, or the package closes the channel sent on (a sender left
on it panics instead). A loop that returns on `ctx.Done()` is not followed (on service code: the
shutdown context). And a call dropping the channel a callee's goroutine feeds (`_ = watch()`).

When the function defers the channel's close, the sender left behind panics (send on closed
channel) instead, and the message says so. A channel handed to other code, or received from by
another goroutine, is assumed drained. A loop
that receives counts as receiving, unless it returns from inside (on the first error, on
`ctx.Done()`) while more than one send is due (goroutines started in a loop or several, or one
sending in a loop) on an unbuffered channel, and no count guards that return (`if got == n`), no
drain comes before it (`for range ch {}`) and the loop does not start its senders itself, one per
pass. Fresh code: 1 of 5 on the corpus, the rest since silent. For a buffered channel, sends on
exclusive branches of the goroutine (`if err != nil { ch <- err; return }; ch <- v`) count once, a
deferred send under `recover()` counts alone when every other send is the goroutine's last word,
sends in a loop are assumed drained, and a capacity computed at run time (`make(chan T, len(jobs))`)
is assumed to fit. A return reached only once every receive case of a loop's select has fired (`if
done == 3 { return }`, each case counting one) is no way out. A way out through a signal the sender
gives only after its sends (`errCh <- e` then `close(done)`, against `case <-done: return`), or only
on paths that make none of them (one answer, on either channel, and return), is taken once the
send was received, and so is a server's shutdown on the way out when the sender reports
only a Serve error other than `http.ErrServerClosed`. Reported only in code shown to run again
and again (`semantics.frequency`): a handler (HTTP, gRPC-shaped, registered on a router), a call
from a loop that goes on after it, a library package's API, or code they call; not a loop inside
the function (what leaks on its way out leaks once per run). A method reached only through an
interface runs an unknown number of times: silent, as is code only tests or dead code reach.
When every path that strands the sender returns an error that cannot be nil (`ctx.Err()`,
`errors.New`, `err` under `if err != nil`), a caller's loop that stops on that error (`if err :=
f(); err != nil { return err }`, or `log.Fatal`) runs the leak once, and a caller returning it
fails in turn: github34's earthly hasher, whose loop over files ends on the build's cancellation.
Silent in a command-line program (a `main`
package that serves nowhere, or a package in its directory only it imports, running nothing on a
ticker, with no `context.Context` or `*http.Request` on the way in), and in code that runs once per
process (only on main's path or a command's action, from no caller's loop however far up, no API of
the module): one goroutine at most. Silent in tests: a sender stuck in a test binary neither hangs
nor fails the run (goleak's job; 0 of 38 such findings on fresh code were worth fixing). A `main`
that runs a server is checked. A channel made where its function never gets (after `t.Skip()`,
`panic`, `return`) is not.

## Suppress
`//leakgate:ignore LG102 <reason>` on the send.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.concurrency import (
    CLOSE,
    RANGE,
    RECEIVE,
    Channel,
    all_made_channels,
    case_around,
    channel_uses,
    exit_place,
    exit_reason,
    goroutine_body,
    last_word,
    most_sends_in_a_run,
    receiving_in,
    runs_once_per_process,
    signalled_after,
    started_in,
)
from leakgate.semantics.field_sites import place
from leakgate.semantics.frequency import repeats_here, runs_repeatedly
from leakgate.semantics.loops import early_return, in_loop
from leakgate.semantics.owners import dropped_calls
from leakgate.semantics.receivers import abandoned_by_receiver
from leakgate.semantics.servers import silent_after_shutdown
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.summaries import can_block, channel_producers, handed_leaks_of
from leakgate.semantics.syntax import call_callee, holding, line_of, text
from leakgate.semantics.types import returns_failure


@rule(
    id="LG102", name="abandoned-channel-send", level=Level.ERROR, precision="low",
    tags=("reliability", "channel", "goroutine", "resource-leak", "external/cwe/cwe-833"),
    default=False,
    summary="A goroutine sends on an unbuffered channel the function can stop receiving from",
    help=__doc__,
)
def abandoned_channel_send(ctx: FileContext) -> None:
    if ctx.source.is_test:
        return  # test support outside _test.go files (ctx.is_test) is asked only of a leak
    by_function: dict[int, tuple[Node, list[Channel]]] = {}
    for channel in all_made_channels(ctx):
        function = channel.definition.function
        by_function.setdefault(function.start_byte, (function, []))[1].append(channel)
    for function, channels in by_function.values():
        go_statements = started_in(ctx, function)
        if not go_statements:
            continue
        body = function.child_by_field_name("body") or function
        # A command-line program's goroutines end with its process; asked only of a leak.
        in_program = cache(lambda body=body: in_command_line_program(ctx, body, libraries=True))

        def report(node: Node, message: str, failing: bool = False,
                   in_program: Callable[[], bool] = in_program, function: Node = function) -> None:
            if not ctx.is_test and not in_program() and not runs_once_per_process(ctx, node) \
                    and runs_repeatedly(ctx, function, failing=failing):
                ctx.report(node, message)  # a leak that accumulates: the code runs again

        cfg = ctx.cfg(function)
        for channel in channels:
            if cfg is not None and not cfg.runs(channel.definition.node):
                continue  # made after an unconditional `t.Skip()` or return: never runs
            _check_sends(ctx, function, channel, channels, go_statements, report)
    for send in ctx.find("send_statement"):
        found = abandoned_by_receiver(ctx, send)
        sender = ctx.enclosing_function(send)
        if found is not None and not ctx.is_test and sender is not None and \
                runs_repeatedly(ctx, sender):
            ctx.report(send, f"send on `{text(send.child_by_field_name('channel') or send)}` "
                             f"blocks forever once its only receiver, "
                             f"{found.receiver.shown(ctx)}, returns on `{found.stop}` (closed "
                             f"in {found.closed.shown(ctx)}) without draining it: select on "
                             f"the stop channel when sending too")
    for call, fed in dropped_calls(ctx):
        if ctx.is_test:
            break
        if not repeats_here(ctx, call):
            continue
        where = place(ctx, fed.ref.file, fed.go_statement)
        ctx.report(call, f"the channel `{fed.ref.name}` returns is dropped here: the goroutine "
                         f"it starts ({where}) blocks forever on its first send (`"
                         f"{text(fed.send)}`); receive from it, or give the goroutine a way out")


def _check_sends(ctx: FileContext, function: Node, channel: Channel, made: list[Channel],
                 go_statements: list[Node], report: Callable[..., None]) -> None:
    if channel.capacity is None:
        return  # sized at run time: assume it has room
    uses = channel_uses(ctx, channel)
    producers = channel_producers(function, channel, uses, go_statements)
    if producers is None:
        return
    senders, handed = producers
    cfg = ctx.cfg(function)
    if cfg is None:
        return
    receives_here = receiving_in(function, uses)
    handed_leaks = handed_leaks_of(ctx, cfg, handed, receives_here, bool(senders))
    if handed_leaks is None:
        return
    for go_statement, call, returns_at in handed_leaks:
        callee = call_callee(call)[1]
        report(go_statement.children[0],
                   f"goroutine `{callee}` sends on unbuffered channel `{channel.name}`; the "
                   f"function can return at {exit_place(returns_at)} ({exit_reason(returns_at)}) "
                   f"without receiving, and `{callee}` then blocks forever: make the channel "
                   f"buffered (`make(chan T, 1)`) or select on ctx.Done() when sending")
    for go_statement, sends in senders.values():
        blocking = [s for s in sends if can_block(s)]
        if not blocking:
            continue
        if channel.capacity > 0 and (
                any(in_loop(s.operation, go_statement) for s in sends)
                or most_sends_in_a_run(ctx, go_statement, sends) <= channel.capacity):
            continue
        signalled = holding(signalled_after(ctx, function, made, go_statements, go_statement,
                                            sends))
        leak = cfg.exit_avoiding(go_statement, lambda n: receives_here(n) or signalled(n))  # noqa: B023
        body = goroutine_body(ctx, go_statement) or go_statement
        many = len(senders) + len(handed) > 1 or in_loop(go_statement, function) or any(
            in_loop(b.operation, body) and not last_word(b.operation, body) for b in blocking)
        mine = [u for u in uses if u.function == function]
        early = early_return(
            function, [u.operation for u in mine if u.kind in (RECEIVE, RANGE)],
            [u.operation for u in mine if u.kind == RANGE],
            [g for g, _ in senders.values()] + [g for g, _, _ in handed]) \
            if many and leak is None else None
        if early is not None and signalled(case_around(early) or early):
            early = None  # the case that returns waits for a signal the sender gives last
        way_out = leak or early
        if way_out is None or (not channel.unbuffered and early is not None) or all(
                silent_after_shutdown(b.operation, function, way_out) for b in blocking):
            continue
        kind = "unbuffered" if channel.unbuffered else f"capacity-{channel.capacity}"
        closed = next((u.operation for u in mine if u.kind == CLOSE and
                       ctx.inside(u.operation, "defer_statement") is not None), None)
        how = f"({exit_reason(way_out)}) without receiving, and the sender then blocks " \
            f"forever: make the channel buffered (`make(chan T, 1)`)" if leak is not None else \
            "inside the loop that receives it, with other sends still due, and their " \
            "senders then block forever: make room for every send"
        if closed is not None:
            how = f"({exit_reason(way_out)}) without receiving, and its deferred close (line " \
                f"{line_of(closed)}) then makes the sender panic (send on closed channel): " \
                f"let the sender close it"
        failing = leak is not None and cfg.exit_avoiding(
            go_statement, lambda n: receives_here(n) or signalled(n) or  # noqa: B023
            returns_failure(ctx, n)) is None
        report(blocking[0].operation, f"goroutine started on line {line_of(go_statement)} sends "
               f"on {kind} channel `{channel.name}`; the function can return at "
               f"{exit_place(way_out)} {how} or select on ctx.Done() when sending", failing)
