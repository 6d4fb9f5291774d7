"""
## What it does
Reports `time.Tick(d)` in a function that can return after calling it (for a `for range
time.Tick(d)` loop: a loop with a `break`, `return` or `goto` out of it). Only for modules whose
go.mod `go` line is before 1.23, or unknown.

## Why is this bad?
`time.Tick` returns only the channel of a ticker nobody can stop. Before Go 1.23 that ticker
lives forever: each call of a function that returns leaks one.

## Example
```go
func waitReady(ctx context.Context) error {
    for range time.Tick(100 * time.Millisecond) {
        if ready() {
            return nil
        }
    }
    return nil
}
```

## Use instead
```go
    t := time.NewTicker(100 * time.Millisecond)
    defer t.Stop()
    for range t.C {
```

## Notes
Silent at package level, in package `main` (as staticcheck's SA1015, whose `//lint:ignore`
suppressions are honoured), in `init` and functions only `main` or `init` run, in functions
and goroutines that never return, and in tests.

## Suppress
`//leakgate:ignore LG502 <reason>`.
"""

from __future__ import annotations

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import TIMERS_COLLECTED
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.concurrency import runs_for_process
from leakgate.semantics.syntax import directly_returned
from leakgate.semantics.timers import TIME, returns_after


@rule(
    id="LG502", name="time-tick-leak", level=Level.WARNING, precision="high",
    tags=("reliability", "timer", "resource-leak", "external/cwe/cwe-772"),
    imports=(TIME,),
    summary="time.Tick in a function that returns: the ticker can never be stopped",
    help=__doc__,
)
def time_tick_leak(ctx: FileContext) -> None:
    if ctx.is_test or ctx.package == "main":
        return  # short-lived processes: what leaks there is gone with them
    for call, _ in ctx.calls_to(TIME, {"Tick"}):
        function = ctx.enclosing_function(call)
        if function is None:
            continue
        if directly_returned(call):
            continue  # a wrapper of time.Tick: its caller holds the channel
        leak = returns_after(ctx, call, function)
        if leak is None or runs_for_process(ctx, call) or ctx.has(TIMERS_COLLECTED):
            continue  # no return, run once, or collected since Go 1.23
        ctx.report(call, f"time.Tick's ticker can never be stopped, and this function returns "
                         f"({describe_exit(leak)}): each call leaks a ticker (before Go 1.23); use "
                         f"time.NewTicker and `defer t.Stop()`")
