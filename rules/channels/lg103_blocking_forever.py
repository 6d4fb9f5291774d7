"""
## What it does
Reports what blocks a goroutine forever:
- `select {}` outside `main.main`;
- a send, receive or range on a local `var ch chan T` never assigned: a nil channel;
- a receive from a channel made in the function that nothing can ever send on or close: not the
  function, its closures, nor the same-package functions it is handed to (`go watch(done)`
  where `watch` only receives from `done`);
- a send on an unbuffered channel the function made, before the channel has reached any
  goroutine, closure or call: nobody can be there to receive it;
- across methods: a receive from a channel *field* (`<-s.stop`, or `<-s.Done()` through an
  accessor returning it) that no code of the package sends on or closes, and a send on an
  unbuffered channel field that no code of the package receives from;
- a self-wait: a function with `defer close(w.done)`, the only close of that field, that
  waits on `w.done` itself or calls a function that does (`w.Stop()` from inside `run`).

## Why is this bad?
Each blocks the goroutine forever (a leak or a deadlock), often a refactoring's leftover.

## Example
```go
func (n *Node) Wait() { <-n.stop } // nothing in the package closes n.stop
```

## Use instead
```go
func (n *Node) Stop() { close(n.stop) }
```
and wait on a context or a signal that can end instead of `select {}`.

## Notes
Opt-in (`--select LG103`, or `--select LG`); the delivery gate runs it. Fresh code: 5 of 34 to
draw 2026-12-04-github33 (parks on purpose: examples, CLI bodies, stubs), 7 of 10 on -github35.

A field's sites are every file of the package (tests included) that touches it, through its
struct type, an accessor, or a local copy (`done := s.done`). The package cannot see every side
when the field is handed on (an argument, a return, a store: `signal.Notify(s.sig)`, another
package's `Subscribe(s.events)`), assigned a value made elsewhere, written in a positional
literal, touched through a value whose type the syntax does not give (or an interface), or
reachable from other packages (exported, or an exported accessor): then it is not reported. A
send on a field the package closes ends in a panic, not forever (a test's tripwire).

A nil channel in a `select` case is a legitimate way to disable that case and is not reported.
A park (`select {}`, or a channel whose one use is a receive in the function that made it) is
reported only where many goroutines reach it at once (a handler, a goroutine per item); once
(main, a command, a stub its one reader loop calls, a branch) it is how the code waits for the
end. A library's API is no evidence: what never returns, each caller runs once (wails' mobile
`App.Run`, github35). Receives are silent on main's and init's path. Examples are not checked;
tests only for the field shapes, where the test's own goroutine blocks (`go test` hangs).

## Suppress
`//leakgate:ignore LG103 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
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
    cannot_give_up,
    channel_uses,
    classify,
    is_park,
    nil_channel_definitions,
    on_a_branch,
    runs_for_process,
    select_of,
)
from leakgate.semantics.field_sites import FieldSites, undrained_channel_field, unfed_channel_field
from leakgate.semantics.frequency import runs_repeatedly
from leakgate.semantics.loops import in_loop
from leakgate.semantics.receivers import self_waits
from leakgate.semantics.service import used_only_by_commands
from leakgate.semantics.summaries import (
    SENDS,
    SENDS_OR_GIVES_UP,
    call_of_argument,
    can_block,
    handed_channel_uses,
)
from leakgate.semantics.syntax import call_callee, line_of, text


@rule(
    id="LG103", name="blocking-forever", level=Level.WARNING, precision="low",
    tags=("reliability", "channel", "goroutine", "external/cwe/cwe-833"),
    default=False,
    summary="`select {}` or an operation on a nil channel blocks forever",
    help=__doc__,
)
def blocking_forever(ctx: FileContext) -> None:
    if ctx.is_sample:
        return  # an example's park demonstrates; it is not the service
    for select in ctx.find("select_statement"):
        if any(c.type in ("communication_case", "default_case") for c in select.named_children):
            continue
        if ctx.is_test or runs_for_process(ctx, select) or on_a_branch(ctx, select) or \
                used_only_by_commands(ctx) or not _parks_many(ctx, select):
            continue
        ctx.report(select, "`select {}` blocks this goroutine forever: wait on a context, a "
                           "signal or a channel that can end instead")
    for operation, sites in _field_operations(ctx):
        field = f"`{sites.field.owner}.{sites.field.name}`"
        if operation.type == "send_statement":
            ctx.report(operation,
                       f"send on `{text(operation.child_by_field_name('channel') or operation)}`"
                       f" blocks forever: no code of the package receives from {field} ("
                       f"{sites.made_at(ctx)}, unbuffered; "
                       f"{sites.elsewhere(ctx, operation, (SEND,), 'sent on')}). Receive from "
                       f"it, or drop the send")
            continue
        ctx.report(operation,
                   f"receive from `{text(operation.child_by_field_name('operand') or operation)}"
                   f"` blocks forever: no code of the package sends on {field} or closes it ("
                   f"{sites.made_at(ctx)}; "
                   f"{sites.elsewhere(ctx, operation, (RECEIVE, RANGE), 'received from')}). "
                   f"Close it where the work it waits for ends, or send on it")
    for wait in self_waits(ctx):
        via = f" through {wait.receive.shown(ctx)}" if wait.wait != wait.receive.operation else ""
        ctx.report(wait.wait, f"waits on `{wait.field}`{via}, which only this function's deferred "
                              f"close (line {line_of(wait.close)}) closes: it waits for its own "
                              f"return, forever. Close it before waiting, or wait elsewhere")
    if ctx.source.is_test:
        return  # a test that parks on a channel it made and never signals means to

    def report(node: Node, message: str) -> None:
        if not ctx.is_test:  # test support: asked only of a finding (it reads the module)
            ctx.report(node, message)

    for channel, receive, handed in _never_woken(ctx):
        via = f" (`{'`, `'.join(handed)}` only receives from it)" if handed else ""
        report(receive.operation,
                   f"receive from `{channel.name}` blocks forever: nothing sends on it or "
                   f"closes it{via}. Close it where the work ends (`defer close("
                   f"{channel.name})`), or send on it")
    for channel, send in _sends_before_any_receiver(ctx):
        report(send.operation,
                   f"send on unbuffered channel `{channel.name}` blocks forever: no other "
                   f"goroutine has it yet (made on line {line_of(channel.make_call)}, not "
                   f"handed to anything before this send). Start the receiver first, or make "
                   f"the channel buffered")
    for declared, uses in _nil_channels(ctx):
        for use in uses:
            if use.in_select is not None:
                continue
            verb = {SEND: "send on", RECEIVE: "receive from", RANGE: "range over"}[use.kind]
            report(use.operation,
                       f"{verb} `{text(declared)}` blocks forever: it is a nil channel "
                       f"(declared on line {line_of(declared)}, never assigned). Make it with "
                       f"`make(chan T)`")


def _parks_many(ctx: FileContext, park: Node) -> bool:
    """Many goroutines can reach the park at once (see the Notes): then it leaks."""
    function = ctx.enclosing_function(park)
    return function is not None and runs_repeatedly(ctx, function, parallel=True, api=False)


def _field_operations(ctx: FileContext) -> list[tuple[Node, FieldSites]]:
    """Plain receives from a channel field (or an accessor returning one) nothing can feed, and
    plain sends on an unbuffered one nothing can receive from, in source order."""
    found = []
    for operation in sorted(ctx.candidates.receives + ctx.find("send_statement"),
                            key=lambda n: n.start_byte):
        is_send = operation.type == "send_statement"
        channel = operation.child_by_field_name("channel" if is_send else "operand")
        if channel is None or not cannot_give_up(select_of(operation)):
            continue
        sites = undrained_channel_field(ctx, channel) if is_send else \
            unfed_channel_field(ctx, channel)
        # In test code, a goroutine the test starts leaks (goleak's business); the test returns.
        if sites is not None and (is_send or not runs_for_process(ctx, operation)) and not (
                ctx.inside(operation, "go_statement") is not None and ctx.is_test):
            found.append((operation, sites))
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
            park = is_park(channel, uses)
            if not runs_for_process(ctx, receives[0].operation) and not (park and (
                    on_a_branch(ctx, receives[0].operation) or used_only_by_commands(ctx) or
                    not _parks_many(ctx, receives[0].operation))):
                found.append((channel, receives[0], handed))
    return found


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
                if can_block(use) and not in_loop(use.operation, maker):
                    found.append((channel, use))
                break
    return found


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
