"""
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
Opt-in (`--select LG103`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: none of 6 findings was judged
worth fixing (draws 2026-12-01e and 2026-12-02i). All six were parks on purpose: in example
programs, in CLI command bodies, and after a failed restore.

A nil channel in a `select` case is a legitimate way to disable that case and is not reported.
`select {}` is silent in `main.main`, `init` and in unexported functions of the package that
only they call (directly or through each other): parking the main goroutine is how a
daemon waits for its signals. Nor in a package that only command-line programs of the
module import (a `main` serving nowhere, or packages only such programs import): an example
command's `Run` that parks while its callbacks log.
A `select {}` on a conditional branch (`if serveForever { select {} }`, a `case <-dying:`) is a
deliberate park and is not reported either. Silent in `_test.go` files, where tests block
goroutines on purpose.

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
    channel_uses,
    classify,
    nil_channel_definitions,
    runs_for_process,
)
from leakgate.semantics.loops import in_loop
from leakgate.semantics.service import used_only_by_commands
from leakgate.semantics.summaries import (
    SENDS,
    SENDS_OR_GIVES_UP,
    call_of_argument,
    can_block,
    handed_channel_uses,
)
from leakgate.semantics.syntax import ancestors, call_callee, line_of, text


@rule(
    id="LG103", name="blocking-forever", level=Level.WARNING, precision="low",
    tags=("reliability", "channel", "goroutine", "external/cwe/cwe-833"),
    default=False,
    summary="`select {}` or an operation on a nil channel blocks forever",
    help=__doc__,
)
def blocking_forever(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for select in ctx.find("select_statement"):
        if any(c.type in ("communication_case", "default_case") for c in select.named_children):
            continue
        if runs_for_process(ctx, select) or _on_a_branch(ctx, select) or \
                used_only_by_commands(ctx):
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
