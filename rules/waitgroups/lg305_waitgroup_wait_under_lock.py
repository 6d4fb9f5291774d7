"""
## What it does
Reports `s.wg.Wait()` on a WaitGroup field while the function holds a mutex field of the same
struct (`s.mu.Lock()` earlier, not unlocked in between, or unlocked only by `defer`), when a
goroutine that calls `s.wg.Done()`, anywhere in the package, locks that mutex (`Lock` or
`RLock`, in its own body or a same-package function it calls) before its `Done`: at any point
when its `Done` is deferred.

## Why is this bad?
`Wait` returns when every goroutine has called `Done`; the goroutine must take `mu` before it
can get there, and the waiter holds `mu` until `Wait` returns. Each waits for the other: the
shutdown path hangs, and so does everything else that needs `mu`. It is the WaitGroup twin of
LG104, and it bites on `Stop`/`Close` methods that lock to flip a flag and then wait.

## Example
```go
func (s *Server) Stop() {
    s.mu.Lock()
    defer s.mu.Unlock()
    close(s.quit)
    s.wg.Wait() // worker needs s.mu before it can return and call Done
}

func (s *Server) worker() {
    defer s.wg.Done()
    for job := range s.jobs {
        s.mu.Lock()
        s.done++
        s.mu.Unlock()
    }
}
```

## Use instead
Unlock before `Wait` (flip the flag under the lock, wait outside it).

## Notes
Opt-in (`--select LG305`, or `--select LG` for every rule): on fresh code 1 of 2 findings was
worth fixing (draw 2026-12-03-github28; the other's Done came first in a deferred literal, now
followed); the delivery gate runs it. The struct types come from the syntax (receivers,
parameters, fields declared with a type): a WaitGroup or mutex whose owner is not known is
not followed, and a `Done` reached through a helper the WaitGroup is handed to is not seen.

## Suppress
`//leakgate:ignore LG305 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.field_sites import CALL, field_sites, place
from leakgate.semantics.fields import Field, field_of, held_at, takes_lock
from leakgate.semantics.syntax import call_callee, line_of, text
from leakgate.semantics.waitgroups import GroupCall, group_calls


@rule(
    id="LG305", name="waitgroup-wait-under-lock", level=Level.ERROR, precision="medium",
    tags=("reliability", "concurrency", "waitgroup", "deadlock", "external/cwe/cwe-833"),
    default=False,
    summary="WaitGroup.Wait while holding a mutex that the goroutines take before their Done",
    help=__doc__,
)
def wait_under_lock(ctx: FileContext) -> None:
    if b".Lock()" not in ctx.source.data:
        return
    for wait in group_calls(ctx):
        group = field_of(ctx, wait.operand)
        if wait.method != "Wait" or wait.function is None or group is None:
            continue
        held = [(lock, mutex) for lock, mutex in held_at(ctx, wait.function, wait.call)
                if mutex.owner == group.owner]
        found = _done_after_lock(ctx, wait, group, held) if held else None
        if found is None:
            continue
        lock, mutex, done_in, where = found
        holder = call_callee(lock)[0]
        ctx.report(wait.call,
                   f"`{text(wait.operand)}.Wait()` while holding "
                   f"`{text(holder) if holder is not None else mutex.name}` (locked on line "
                   f"{line_of(lock)}): the goroutine in `{done_in}` takes `{mutex.name}` "
                   f"({where}) before its `Done`, so each waits for the other. Unlock before "
                   f"Wait")


def _done_after_lock(ctx: FileContext, wait: GroupCall, group: Field,
                     held: list[tuple[Node, Field]]) -> tuple[Node, Field, str, str] | None:
    """The first held lock that a function calling the group's `Done` (other than the waiter)
    takes before that `Done`: (lock, mutex, that function's name, where it takes it)."""
    for site in field_sites(ctx, group).of(CALL):
        if call_callee(site.operation)[1] != "Done":
            continue
        done_in = site.file.enclosing_function(site.operation)
        if done_in is None or (site.file is ctx and done_in == wait.function):
            continue
        # `defer wg.Done()` runs after the whole body; in a deferred literal, what the
        # literal does after `Done` comes after it, and the body around it before.
        deferred = site.operation.parent is not None and \
            site.operation.parent.type == "defer_statement"
        around = site.file.enclosing_function(done_in) if done_in.type == "func_literal" and \
            site.file.inside(done_in, "defer_statement") is not None else None
        for lock, mutex in held:
            taken = takes_lock(site.file, done_in, mutex, None if deferred else site.operation)
            if taken is None and around is not None:
                taken = takes_lock(site.file, around, mutex, None)
            if taken is not None:
                return lock, mutex, site.file.function_name(done_in), place(ctx, site.file, taken)
    return None
