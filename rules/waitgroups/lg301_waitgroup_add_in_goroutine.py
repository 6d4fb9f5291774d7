"""
## What it does
Reports `wg.Add(n)` that runs inside the goroutine it is meant to count, where `wg` is shared
with the code that started the goroutine: anywhere in a `go func() {...}()` literal (not only as
its first statement), and through the same-package function a `go` statement runs
(`go worker(&wg)` where `worker` calls `wg.Add`, `go s.run()` where `run` calls `s.wg.Add`).
The finding sits on the `Add` of a literal, or on the `go` statement that starts a function
declared elsewhere.

## Why is this bad?
`Wait` returns as soon as the counter is zero. If the goroutine has not yet run its `Add` when
`Wait` is called, `Wait` returns before the work starts: shutdown proceeds while the goroutine
still runs, and results are read before they are written.

## Example
```go
for _, job := range jobs {
    go func() {
        wg.Add(1)
        defer wg.Done()
        run(job)
    }()
}
wg.Wait()
```

## Use instead
```go
for _, job := range jobs {
    wg.Add(1)
    go func() {
        defer wg.Done()
        run(job)
    }()
}
wg.Wait()
```
With Go 1.25 or later, `wg.Go(func() { run(job) })` counts the goroutine itself.

## Notes
Opt-in (`--select LG301`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: 3 of 7 findings were judged
worth fixing (draws 2026-12-01d to 2026-12-02m). The others ordered the Add before the Wait by
other means: a stop signal set before the Wait, or a handshake the waiting side waits for first.

Silent for `wg.Add(-1)` (a Done), for a group declared inside the goroutine, for a goroutine
that waits on the group itself, and for a goroutine that is counted (`defer wg.Done()`, on this
group or another) and adds for the goroutines it starts: its own counter keeps the Wait that
matters from returning before the adds. Silent too for a goroutine that closes a channel when
it returns (`defer close(s.done)`) where every Wait on the group first receives from it
(`<-s.done; s.wg.Wait()`): an accept loop that counts its connections, waited for after it
ended, has made every Add before the Wait. Same shape as staticcheck's SA2000 and go vet's
`waitgroup`, which only look at the first statement.

## Suppress
`//leakgate:ignore LG301 <reason>`.
"""

from __future__ import annotations

import os

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import WAITGROUP_GO
from leakgate.semantics.concurrency import go_call, goroutine_target
from leakgate.semantics.facts import Fact
from leakgate.semantics.model import FileModel
from leakgate.semantics.syntax import line_of, text, unparen
from leakgate.semantics.waitgroups import (
    GroupCall,
    calls_in,
    declared_outside,
    go_statements_in,
    group_calls,
    waitgroup_texts,
    waits_after_close,
)

_MAY_ADD: Fact[bool] = Fact("a file that declares this function calls Add")


@rule(
    id="LG301", name="waitgroup-add-in-goroutine", level=Level.ERROR, precision="medium",
    tags=("reliability", "concurrency", "waitgroup", "external/cwe/cwe-362"),
    default=False,
    summary="WaitGroup.Add called inside the goroutine it counts: Wait can return first",
    help=__doc__,
)
def add_in_goroutine(ctx: FileContext) -> None:
    if b"go " not in ctx.source.data:
        return
    adds_here = any(c.method == "Add" for c in group_calls(ctx))
    for go_statement in ctx.go_statements:
        if not _may_run_an_add(ctx, go_statement, adds_here):
            continue
        target = goroutine_target(ctx, go_statement)
        if target is None:
            continue
        file, function = target
        adds = _adds_inside(file, function)
        if adds:
            _report(ctx, go_statement, file, function, adds[0])


def _report(ctx: FileContext, go_statement: Node, file: FileModel, function: Node,
            add: GroupCall) -> None:
    """On the Add of a literal this file starts; on the `go` statement otherwise."""
    name = add.name
    fix = f"call `{name}.Add` before the `go` statement{_go_hint(ctx, name)}"
    if function.type == "func_literal" and file is ctx:
        ctx.report(add.call, f"`{name}.Add` runs inside the goroutine it counts: "
                             f"`{name}.Wait()` can return before it runs; {fix}")
    else:
        where = f"{os.path.basename(file.path)}:{line_of(add.call)}"
        ctx.report(go_statement, f"this goroutine runs {file.function_name(function)}, "
                                 f"which calls `{name}.Add` ({where}) inside itself: "
                                 f"`Wait` can return before it runs; {fix}")


def _go_hint(ctx: FileContext, name: str) -> str:
    if WAITGROUP_GO.holds(ctx.go_version):
        return f", or start it with `{name}.Go(func() {{ ... }})`, which counts it for you"
    return ""


def _may_run_an_add(ctx: FileContext, go_statement: Node, adds_here: bool) -> bool:
    """A text test before resolving `go f()`: some file of the package that declares a
    function or method `f` (by the package's declaration shapes, nothing parsed) calls
    `.Add(` (for `go func() {...}()`: this file adds to a WaitGroup at all)."""
    call = go_call(go_statement)
    function = call.child_by_field_name("function") if call is not None else None
    if function is None:
        return False
    function = unparen(function)
    if function.type == "func_literal":
        return adds_here
    if not waitgroup_texts(ctx):
        return False
    name = text(function).rsplit(".", 1)[-1]
    view = ctx.package_view

    def compute() -> bool:
        return any(b".Add(" in data for kind in ("func", "method")
                   for data in view.declaring_texts(kind, name))

    return view.fact(_MAY_ADD.about(name), compute)


def _adds_inside(file: FileModel, function: Node) -> list[GroupCall]:
    """The Adds ``function`` runs on a group shared with the code that started it."""
    calls = calls_in(file, function)
    found = []
    for add in calls:
        if add.method != "Add" or add.deferred or add.negative() or \
                not declared_outside(file, add, function):
            continue
        if any(c.method == "Wait" and c.group == add.group for c in calls):
            continue  # the goroutine waits on the group itself: it is its own
        counted = any(c.method == "Done" or (c.method == "Add" and c.negative())
                      for c in calls)
        if counted and any(g.start_byte > add.call.start_byte
                           for g in go_statements_in(function)):
            # A goroutine counted by a group (this one or another that is waited for first)
            # adding for the goroutines it starts: the adds happen before that Wait returns.
            continue
        if waits_after_close(file, add, function):
            continue  # every Wait first waits for the close this function defers
        found.append(add)
    return found
