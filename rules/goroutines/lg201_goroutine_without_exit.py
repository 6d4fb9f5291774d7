"""
## What it does
Reports a goroutine (a `go func() {...}()` literal, or `go f()` with `f` declared in the same
file) whose body runs an endless `for {}` loop and can never end: no `return`, no `break` that
leaves the loop, no `goto` out, no `panic`, `runtime.Goexit`, `os.Exit` or `log.Fatal`. A
`break` inside a `select` or `switch` only leaves that statement, and a `case <-ctx.Done():`
that does not return does not end the goroutine either.

## Why is this bad?
Nothing can stop such a goroutine: it holds its stack and everything it references for the life
of the process, and every restart of the component that started it leaks one more. Never start
a goroutine without knowing how it will stop.

## Example
```go
go func() {
    for {
        select {
        case ev := <-events:
            handle(ev)
        case <-ctx.Done():
            break // leaves the select, not the loop
        }
    }
}()
```

## Use instead
```go
        case <-ctx.Done():
            return
```

## Notes
Opt-in (`--select LG201`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: 18 of 37 findings were judged
worth fixing (draws 2026-12-01 to 2026-12-02n). Whether an endless goroutine leaks depends on
how often its owner is made. The false ones were loops of objects that live for the whole
process (metrics gauges, once-per-process components), which the code rarely says.

Silent for goroutines meant to live as long as the process: started in `main.main` or `init`, or
in unexported functions of the package that only they call (found through the package's files,
methods through the type their receiver is built with, `tc, err := newTestCase()`), unless the
`go` statement sits in a loop with no bound of its own (`for {}`, `for x := range ch`: one per
connection or message, however often); singletons started once per process, under `sync.Once`
(`once.Do(func() { go loop() })`, `once.Do(s.startWorker)`) or behind a check of package-level
state (`if started == 0 && cas(...) { go loop() }`, the runtime's own idiom); and relays of OS
notifications, whose loop waits on a channel given to `signal.Notify` or on a Windows event
(stack-dump traps), unless a loop or a handler literal calls the function that starts them (one
relay per job or request). An exported function counts as started by `main` when the module's
other packages call it, and only from `main`, `init` or functions only they call (a command's
`console.HandleConsoleResize`, a `logger.Init` every program's main calls once); not from a
handler literal (`func(w http.ResponseWriter, r *http.Request)`), which runs per request. A
CLI framework's command action runs once per process too: a literal taking urfave/cli's
`*cli.Context`, cobra's `*cobra.Command` or kingpin's `*ParseContext`, and the `Run(args
[]string) int` of a mitchellh/cli command (a type with `Help` and `Synopsis`).
Where a package lives (under `cmd/` or not) says nothing. Silent in test code (`_test.go` files,
test-support packages, an `internal/` package that only test files of the module import),
where tests and examples start endless goroutines on purpose (goleak is the tool there).

## Suppress
`//leakgate:ignore LG201 <reason>` on the `go` line.
"""

from __future__ import annotations

import os

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.concurrency import goroutine_body, goroutine_target, process_lifetime
from leakgate.semantics.loops import breaks_leaving_only_inner, endless_loop
from leakgate.semantics.syntax import line_of


@rule(
    id="LG201", name="goroutine-without-exit", level=Level.WARNING, precision="medium",
    tags=("reliability", "goroutine", "resource-leak", "external/cwe/cwe-835"),
    default=False,
    summary="A goroutine whose endless loop has no way out",
    help=__doc__,
)
def goroutine_without_exit(ctx: FileContext) -> None:
    if not ctx.go_statements or ctx.is_test:
        return
    for go_statement in ctx.go_statements:
        body = goroutine_body(ctx, go_statement)
        if body is not None and body.type == "func_literal" and \
                b"for" not in ctx.source.data[body.start_byte:body.end_byte]:
            continue  # a literal without a loop: the cheap test first
        target = goroutine_target(ctx, go_statement)
        if target is None:
            continue
        file, body = target
        loop = endless_loop(body)
        if loop is None:
            continue
        cfg = file.cfg(body)
        if cfg is None or cfg.exits() or process_lifetime(ctx, go_statement) is not None:
            continue
        inner = breaks_leaving_only_inner(loop)
        hint = f" (the `break` on line {line_of(inner[0])} only leaves the select or switch)" \
            if inner else ""
        where = f"line {line_of(loop)}" if file is ctx else \
            f"line {line_of(loop)} of {os.path.basename(file.path)}"
        ctx.report(go_statement.children[0],
                   f"goroutine never exits: the endless loop on {where} has no "
                   f"return, no break out of it and no panic{hint}, so nothing can stop it. "
                   f"Give it a way out, such as `case <-ctx.Done(): return` or a done channel")
