"""
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
Opt-in (`--select LG101`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: 1 of 9 findings were judged
worth fixing (draws 2026-12-01d to 2026-12-02k). The others were producers that close the
channel on a final callback or on stop, supervisors meant to wait forever, and examples that
never run.

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
`context.Context` parameter, nor a handler's
`*http.Request`, on the way in): it ends with the process.

## Suppress
`//leakgate:ignore LG101 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    RANGE,
    Channel,
    ChannelUse,
    all_made_channels,
    channel_uses,
    in_main_main,
)
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.summaries import (
    argument_index,
    call_of_argument,
    callee_closes,
    closed_on_some_path,
)
from leakgate.semantics.syntax import call_callee, line_of


@rule(
    id="LG101", name="range-over-unclosed-channel", level=Level.ERROR, precision="low",
    tags=("reliability", "channel", "goroutine", "resource-leak", "external/cwe/cwe-833"),
    default=False,
    summary="A range over a channel that is never closed (or not on every path)",
    help=__doc__,
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
        channel.definition.statement, use.operation, own)


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
        leak = cfg.exit_avoiding(channel.definition.statement, own) if cfg is not None else None
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
