"""
## What it does
Reports a `context.WithCancel`, `WithTimeout`, `WithDeadline` (or `...Cause`) call whose cancel
function is discarded (`_`), or is not called or otherwise used on some path to a return. The
finding sits on the call, and its related location marks the return (or closing brace) that
leaks it: one alert with two places (SARIF `relatedLocations`).
Any use counts (calling it, deferring it, storing it in a field, passing it to a helper,
returning it), because after a use the cancel is somebody's job. Not reported where the loss
holds nothing that piles up: in code shown to run once per process or never, and for a child of
the request's own context (see the Notes). go vet's contract, every cancel on every path
whatever it holds, is LG605.

## Why is this bad?
A derived context holds a slot in its parent's child list (and, with a timeout, a timer) until
it is cancelled. Without cancel, a `WithCancel` context lives until its parent ends, which for
`context.Background()` is never: a slow leak on every call. A `WithTimeout`/`WithDeadline`
context lets go at its deadline, so its leak lasts that long: on a hot path with a long
timeout, timers and contexts pile up.

## Example
```go
func fetch(ctx context.Context) error {
    ctx, cancel := context.WithTimeout(ctx, time.Second)
    if cached() {
        return nil // cancel never called on this path
    }
    defer cancel()
    return call(ctx)
}
```

## Use instead
```go
    ctx, cancel := context.WithTimeout(ctx, time.Second)
    defer cancel()
```

## Notes
Opt-in (`--select LG601`, or `--select LG` for every rule); the delivery gate runs it.

Silent in code shown to run at most once per process (`semantics.frequency.runs_once`): reached
only from `main` or `init`, a package variable's initializer or such code, with every caller
known and none calling it from a loop; and in code no production path reaches (dead code, code
only tests call). One context at most is held, and it ends with the process. A handler, a
library's API, a function handed on as a value, a method called through an interface the
module does not show, or any caller in a loop: not once, and checked. Fresh code judged by what
the loss holds (draws 2026-12-04-github31 to -33): 3 of 36 findings of vet's contract were worth
fixing; 11 of the false ones were children of a request's context, 10 ran once per process or
never. On the judged findings of draws -github24 to -33 still on disk, this takes LG601 from 4
TRUE and 14 FALSE to 4 and 9. vet's contract is LG605, whose conformance test is vet's own
testdata.

Nor is a loss reported that holds nothing past what the function releases: a child of a context
the function derives itself, the nearest before it, whose cancel is used on every path
(`ctx, cancel := context.WithCancelCause(parent)` then `ctx, _ = context.WithTimeoutCause(ctx,
d)`: cancelling the parent cancels the child and stops its timer; draw 2026-12-04-github34, 13 of
LG601's 15 false findings, dagger's and buildkit's idiom); and a `WithCancel` of `Background()`,
`TODO()` or `WithoutCancel(...)`, which has no timer and no parent that lists it, when no
goroutine can wait on it: no `go` statement or literal kept for later gets it, nothing stores,
sends or returns it, and no same-package function it is handed to waits for cancellation (a
call of another package is taken to use it while it runs). A receive from its `Done()` inside a
goroutine says nothing of the function's own path. Such a context kept only in fields that no code
of the package reads (`&pool{ctx: ctx, cancel: cancel}`, and `ctx` never used) is the same: a
dead field, with nothing waiting on it (github35's worker pools, 3 of LG601's 4 findings). On
the judged findings of draws -github24 to -35 still on disk, these facts leave 4 TRUE and 12
FALSE (from 4 and 27).

Earlier readings, before this: none of 16 findings on fresh code (to draw 2026-12-02-github4),
none of 12 (draws 2026-12-01f to -02l; 8 in `_test.go` files), its cancel fields 3 of 6 (draws
-github24 to -28).

Paths that end in `panic`, `os.Exit`, `log.Fatal`, `t.FailNow` or an endless loop are not
returns, and a path that has received from the context's own `Done()` needs no cancel: the
context is over and has released its timer and its parent. `main.main` is exempt: the process
exits. So is a child of the request's own context in a handler (`context.WithCancel(
r.Context())` with `r` the handler's `*http.Request`, or a gRPC server stream's
`stream.Context()`): the server cancels it when the handler returns, and the child with it. A
cancel variable declared outside the function (a package variable, or a variable of the
enclosing function assigned in a closure) is assumed to be handled elsewhere.

A cancel kept in a struct field (`ctx, s.cancel = context.WithCancel(...)`, or a variable
whose only uses store it: `s.cancel = cancel`, `&watch{cancel: cancel}`) is reported only when
no code of the package calls that field, hands it on or copies it (tests included), nothing of
a type the syntax does not give calls a field of that name, and the type has a method that
ends it (`Close`, `Stop` ...) and forgets the cancel. A type with no end (a singleton, an
object `init` builds) keeps its context on purpose (github24 to -33: 3 of 12 such findings
worth fixing; 2 of 2 with a forgetful `Close`). An exported field of an exported type that other
packages can reach is theirs to call, and not reported. Nor is a field of test code (a file
that imports `testing`, a test-support package): a suite's `SetupTest` keeping a cancel that no
`TearDownTest` calls holds its context until the deadline or the end of the test binary.

Silent in `_test.go` files, which run only in `go test`'s binary: what a lost cancel holds
there is released at its deadline or when the binary exits, and it cannot hang or fail a
test. Measured on fresh code (draws 2026-12-01f to 2026-12-02l): none of the 9 findings in
`_test.go` files was judged worth fixing (short timeouts, `WithCancel(context.Background())`
handed to one synchronous call); go vet's `lostcancel` still reports them. Test-support
packages and fuzz harnesses, which other code runs, are checked.

## Suppress
`//leakgate:ignore LG601 <reason>` on the line before or at the end of the line.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cancels import (
    cancel_never_called,
    cancel_sites,
    holds_only_done,
    kept_unread,
    losing_exit,
    own_cancel,
    released_with_parent,
    stored_in_fields,
)
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.contexts import CONTEXT, released_with_request
from leakgate.semantics.field_sites import accessed_field, place
from leakgate.semantics.fields import Field
from leakgate.semantics.frequency import runs_once_here
from leakgate.semantics.syntax import line_of, text


@rule(
    id="LG601", name="lost-cancel", level=Level.ERROR, precision="medium",
    tags=("reliability", "context", "resource-leak", "external/cwe/cwe-772"),
    imports=(CONTEXT,),
    summary="The cancel function of context.WithCancel/WithTimeout/WithDeadline is lost",
    default=False,
    help=__doc__,
)
def lost_cancel(ctx: FileContext) -> None:
    if ctx.path.endswith("_test.go"):
        return  # runs only in `go test`'s binary: nothing it holds outlives the run
    for site in cancel_sites(ctx):
        function, call, name, cancel = site.function, site.call, site.name, site.cancel
        if function is None or ctx.is_main_main(function):
            continue  # main's return ends the process: nothing to release
        if released_with_request(ctx, call) or released_with_parent(ctx, site):
            continue  # the server, or the function, cancels its parent on the way out
        if runs_once_here(ctx, call):
            continue  # once per process, or never: one context at most, never a pile
        if site.cancel.type == "identifier" and holds_only_done(ctx, site):
            continue  # no timer, no parent: lost, it is garbage, and nothing waits on it
        if site.discarded:
            ctx.report(call, f"the cancel function returned by context.{name} is discarded: "
                             f"keep it and call it (`defer cancel()`) to release the context's "
                             f"resources")
            continue
        if cancel.type != "identifier":
            field = accessed_field(ctx, cancel)
            if field is not None and cancel_never_called(ctx, field) and \
                    not kept_unread(ctx, site):
                _report_field(ctx, call, name, cancel, field)
            continue  # an element, or a field something calls
        definition = own_cancel(ctx, site)
        if definition is None:
            continue
        stored = stored_in_fields(ctx, ctx.scopes(call).uses(definition))
        if stored and all(cancel_never_called(ctx, field) for _, field in stored):
            if not kept_unread(ctx, site):
                _report_field(ctx, call, name, stored[0][0], stored[0][1])
            continue  # else the store is a use: a path that returns before it leaks
        leak = losing_exit(ctx, site, definition)
        if leak is None:
            continue
        var = definition.name
        ctx.report(call, f"the {var} function returned by context.{name} is not used on all "
                         f"paths: {describe_exit(leak)} is reached without calling it (possible "
                         f"context leak); call `defer {var}()` after this line",
                   related=[(leak, f"this return can be reached without calling {var}, the "
                                   f"cancel function defined on line {line_of(cancel)}",
                             leak.type != "return_statement")])


_STOPS = ("Close", "Stop", "Shutdown", "Destroy", "Release", "Cancel", "Quit", "Exit", "Terminate",
          "Teardown", "StopFunc", "close", "stop", "shutdown", "destroy")


def _report_field(ctx: FileContext, call: Node, name: str, where: Node, field: Field) -> None:
    """Only when a method that ends the type forgets the cancel (see the Notes)."""
    stop = next((ref for method in _STOPS
                 for ref in ctx.package_view.methods_named(method).get(field.owner, [])), None)
    if stop is None:
        return
    shown = f"{field.owner}{{{field.name}: ...}}" if where.type == "keyed_element" else text(where)
    ctx.report(call, f"the cancel function returned by context.{name} is kept in `{shown}` "
                     f"(`{field.owner}.{field.name}`), and no code of the package calls it: "
                     f"`{stop.qualified}` ({place(ctx, stop.file, stop.node)}) ends the "
                     f"{field.owner} without it, and the context lives until its parent ends; "
                     f"call it there")
