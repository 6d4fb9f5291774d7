"""
## What it does
go vet's `lostcancel`, without a build: reports a `context.WithCancel`, `WithTimeout`,
`WithDeadline` (or `...Cause`) call whose cancel function is assigned to `_`, or is not used on
some path to a return. The finding sits on the call, and its related location marks the return
(or closing brace) that loses it. Any use of the variable counts (calling it, deferring it,
storing it, passing it on, returning it): after a use the cancel is somebody's job.

## Why is this bad?
A derived context holds a slot in its parent's child list (and, with a timeout, a timer) until
it is cancelled. vet's contract is that every cancel is called on every path, whatever it holds;
teams that enforce vet in review get the same findings here on code that does not build.

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
Opt-in (`--select LG605`). Its conformance test is vet's own lostcancel testdata: every line vet
wants, and nothing else. As vet does, it reports discarded cancels in `main.main` and in tests,
and checks the paths of every function but `main.main`; a cancel variable declared outside the
function (a package variable, or one of the enclosing function assigned in a closure) is left
alone. Paths that end in `panic`, `os.Exit`, `log.Fatal`, `t.FailNow` or an endless loop are not
returns.

Most of what vet's contract reports holds nothing a reviewer would release (fresh code, draws
2026-12-04-github31 to -33: 3 of 36 lost cancels were judged worth fixing: a child of the
request's context, which the server cancels on return, a timeout over at its deadline, the
context of code that runs once per process). LG601 reports the lost cancels that hold something,
in code that runs again and again; this rule is for vet's contract.

## Suppress
`//leakgate:ignore LG605 <reason>` on the line before or at the end of the line.
"""

from __future__ import annotations

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cancels import cancel_sites, losing_exit, own_cancel
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.contexts import CONTEXT
from leakgate.semantics.syntax import line_of


@rule(
    id="LG605", name="vet-lost-cancel", level=Level.ERROR, precision="low",
    tags=("reliability", "context", "go-vet"),
    imports=(CONTEXT,),
    summary="go vet's lostcancel: a cancel function discarded or not used on every path",
    default=False,
    help=__doc__,
)
def vet_lost_cancel(ctx: FileContext) -> None:
    for site in cancel_sites(ctx):
        if site.discarded:
            ctx.report(site.call, f"the cancel function returned by context.{site.name} should "
                                  f"be called, not discarded, to avoid a context leak")
            continue
        if ctx.is_main_main(site.function):
            continue  # returning from main.main ends the process
        definition = own_cancel(ctx, site)
        if definition is None:
            continue
        leak = losing_exit(ctx, site, definition, done_ends=False)
        if leak is None:
            continue
        var = definition.name
        ctx.report(site.call, f"the {var} function is not used on all paths (possible context "
                              f"leak): {describe_exit(leak)} is reached without it",
                   related=[(leak, f"this return can be reached without using the {var} "
                                   f"defined on line {line_of(site.cancel)}",
                             leak.type != "return_statement")])
