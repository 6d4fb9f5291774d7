"""
## What it does
Reports three shapes in which the counter never returns to zero:
- a goroutine (a `go func() {...}()` literal, or a function or method some `go` statement
  runs) that calls `wg.Done()` without `defer`, with a `return` before it: the finding sits on
  the return; or whose `Done` is not deferred although it recovers from panics;
- `wg.Add` in a loop that starts the goroutines, followed by a `continue`, `break` or branch that
  skips the `go` statement on the way to `wg.Wait()`;
- `wg.Add` on a group nothing ever calls `Done` on (no `Done`, no `Add(-1)`, not handed to
  anything) while something waits on it.

## Why is this bad?
`Wait` blocks until every `Add` is matched by a `Done`. One skipped `Done` makes it block
forever: shutdown hangs, and every goroutine waiting behind it leaks.

## Example
```go
wg.Add(1)
go func() {
    if err := prepare(); err != nil {
        return // Done skipped
    }
    work()
    wg.Done()
}()
```

## Use instead
```go
wg.Add(1)
go func() {
    defer wg.Done()
    if err := prepare(); err != nil {
        return
    }
    work()
}()
```

## Notes
Opt-in (`--select LG302`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: 1 of 6 findings was judged
worth fixing (draws 2026-12-02c, -02h and the GitHub draw of 2026-12-02). The others counted
items, not goroutines: a consumer calling `Done` per item received, a producer calling it as a
started signal, and returns taken only after `Wait` had returned.

A `Done` reached only on some branches without an early `return` (`if last { wg.Done() }`) may
be deliberate and is not reported. A path that ends in `panic`, `os.Exit` or `log.Fatal` ends
the process unless recovered, and is not a return. `wg.Go` (Go 1.25) calls `Done` for you.

## Suppress
`//leakgate:ignore LG302 <reason>`.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.concurrency import goroutine_body
from leakgate.semantics.syntax import descendants, line_of, text
from leakgate.semantics.waitgroups import (
    GroupCall,
    calls_in,
    declared_outside,
    go_statements_in,
    group_calls,
    handed_positions,
    only_added,
)


@rule(
    id="LG302", name="waitgroup-done-not-guaranteed", level=Level.ERROR, precision="medium",
    tags=("reliability", "concurrency", "waitgroup", "deadlock"),
    default=False,
    summary="A goroutine counted by WaitGroup.Add can skip Done: Wait blocks forever",
    help=__doc__,
)
def done_not_guaranteed(ctx: FileContext) -> None:
    calls = group_calls(ctx)
    if not calls:
        return
    _skippable_done(ctx)
    _add_skipping_go(ctx, calls)
    _never_done(ctx, calls)


def _skippable_done(ctx: FileContext) -> None:
    """A goroutine whose `Done` is not deferred and can be skipped: a `return` before it (the
    finding sits on the return), or a panic it recovers from (on the Done)."""
    for function in _done_functions(ctx):
        calls = calls_in(ctx, function)
        for group in {c.group: c for c in calls}:
            dones = [c for c in calls if c.group == group and
                     (c.method == "Done" or (c.method == "Add" and c.negative()))]
            if not dones or any(c.deferred for c in dones) or \
                    not declared_outside(ctx, dones[0], function):
                continue
            name = dones[0].name
            declared = function.type != "func_literal"
            if _recovers(function):
                if declared and not _started_by_go(ctx, function):
                    continue
                ctx.report(dones[0].call, f"`{name}.Done()` is not deferred in a goroutine that "
                                          f"recovers from panics: a panic skips it and "
                                          f"`{name}.Wait()` blocks forever; use `defer "
                                          f"{name}.Done()`")
                continue
            cfg = ctx.cfg(function)
            if cfg is None:
                continue
            positions = [c.call.start_byte for c in dones] + \
                handed_positions(ctx, dones[0], function)
            leak = cfg.entry_exit_avoiding(positions)
            if leak is None or leak.type != "return_statement" or \
                    (declared and not _started_by_go(ctx, function)):
                continue
            ctx.report(leak, f"this return skips `{name}.Done()` (line {line_of(dones[0].call)}) "
                             f"in a goroutine counted by `{name}.Add`: `{name}.Wait()` blocks "
                             f"forever; call `defer {name}.Done()` first thing in the goroutine")


def _add_skipping_go(ctx: FileContext, calls: list[GroupCall]) -> None:
    """An `Add` in a loop whose iteration can reach `Wait` without starting the goroutine it
    counts (a `continue`, `break` or branch skips the `go` statement)."""
    for add in calls:
        definition = add.definition
        if add.method != "Add" or add.negative() or definition is None or \
                add.function is None or definition.function != add.function:
            continue
        loop = ctx.inside(add.call, "for_statement")
        if loop is None or ctx.enclosing_function(loop) != add.function:
            continue
        body = loop.child_by_field_name("body")
        # The goroutines this Add counts start in the same iteration: a `go` in a nested loop
        # is counted by an `Add(n)` for the whole loop, which its zero-iteration exit does
        # not skip.
        group_name = text(add.operand)
        starts = [g for g in go_statements_in(body) if g.start_byte > add.call.start_byte
                  and ctx.inside(g, "for_statement") == loop and group_name in text(g)] \
            if body is not None else []
        spawns = [c for c in calls if c.group == add.group and c.method == "Go"
                  and c.call.start_byte > add.call.start_byte and c.call.end_byte <= loop.end_byte]
        if not starts or spawns:
            continue
        waits = [c for c in calls if c.group == add.group and c.method == "Wait"
                 and c.function == add.function and not c.deferred]
        cfg = ctx.cfg(add.function)
        if not waits or cfg is None or cfg.locate(add.call) is None:
            continue
        counted = {c.operand.start_byte for c in calls
                   if c.group == add.group and c.method in ("Add", "Wait")}
        others = [u.start_byte for u in ctx.scopes(add.call).uses(definition)
                  if u.start_byte not in counted]
        positions = others + [g.start_byte for g in ctx.go_statements
                              if add.function.start_byte <= g.start_byte < add.function.end_byte]
        for wait in waits:
            if cfg.locate(wait.call) is None:
                continue
            if cfg.reaches_avoiding(add.call, wait.call, positions):
                ctx.report(add.call, f"a path from this `{add.name}.Add` reaches "
                                     f"`{wait.name}.Wait()` (line {line_of(wait.call)}) without "
                                     f"starting the goroutine on line {line_of(starts[0])}: a "
                                     f"`continue`, `break` or branch skips it and Wait blocks "
                                     f"forever; call Add right before the `go` statement")
                break


def _never_done(ctx: FileContext, calls: list[GroupCall]) -> None:
    """An `Add` on a group nothing calls Done on (no `Done`, no `Add(-1)`, not handed to
    anything) while something waits on it."""
    reported: set[tuple[object, ...]] = set()
    for add in calls:
        if add.method != "Add" or add.negative() or add.group in reported:
            continue
        waits = [c for c in calls if c.group == add.group and c.method == "Wait"]
        if add.definition is not None:
            definition = add.definition
            counted = {c.operand.start_byte for c in calls if c.group == add.group and
                       c.method in ("Add", "Wait") and not c.negative()}
            if not waits or any(u.start_byte not in counted
                                for u in ctx.scopes(add.call).uses(definition)):
                continue
        elif not waits or not only_added(ctx, text(add.operand).rsplit(".", 1)[-1]):
            continue
        reported.add(add.group)
        ctx.report(add.call, f"nothing calls `{add.name}.Done()` for this Add: "
                             f"`{waits[0].name}.Wait()` (line {line_of(waits[0].call)}) blocks "
                             f"forever")


def _done_functions(ctx: FileContext) -> list[Node]:
    """Functions of this file that call Done themselves: `go` literals, and declared
    functions or methods (whether a `go` statement runs them is asked once a skipping
    return is found: finding the callers of a name costs a look at the whole package)."""
    found = []
    for go_statement in ctx.go_statements:
        target = goroutine_body(ctx, go_statement)
        if target is not None and target.type == "func_literal":
            found.append(target)
    found.extend({c.function.start_byte: c.function for c in group_calls(ctx)
                  if c.method == "Done" and c.function is not None and
                  c.function.type != "func_literal"}.values())
    return found


def _started_by_go(ctx: FileContext, function: Node) -> bool:
    """Whether some `go` statement of the package runs this declared function or method."""
    name = ctx.function_name(function)
    started = re.compile(rb"\bgo\s+(?:[\w.]+\.)?" + re.escape(name.encode()) + rb"\s*\(")
    if not any(started.search(data) for data in ctx.package_view.texts()):
        return False
    view = ctx.package_view
    ref = view.function_at(ctx, function)
    return ref is not None and any(call.parent is not None and call.parent.type ==
                                   "go_statement" for _, call in view.callers(ref))


def _recovers(function: Node) -> bool:
    """Whether ``function`` defers a `recover()`."""
    for defer in descendants(function, frozenset({"defer_statement"}), into_functions=False):
        if re.search(r"\brecover\(\)", text(defer)):
            return True
    return False
