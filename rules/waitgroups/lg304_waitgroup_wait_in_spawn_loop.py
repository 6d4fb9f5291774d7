"""
## What it does
Reports `wg.Wait()` written directly in the body of a `range` or three-clause `for` loop that,
in the same iteration and right before it, adds to the group and starts a goroutine. And a
`wg.Wait()` in such a loop after the iteration starts its goroutine when the count was added
for every item before the loop (`wg.Add(len(items))`): that one blocks forever.

## Why is this bad?
Each iteration waits for the goroutine it just started, so the goroutines run one after the
other: the concurrency the code was written for never happens, and every iteration pays for a
goroutine it does not need. If the loop adds for several iterations before the goroutines can
finish, the Wait can block forever.

The second shape is a deadlock: the group counts `len(items)` goroutines, the first iteration
starts one and waits, its `Done` leaves the counter at `len(items)-1`, and the iterations that
would start the others never run. It hangs a test as surely as a service, so it is reported in
`_test.go` files too.

## Example
```go
for _, url := range urls {
    wg.Add(1)
    go fetch(url, &wg)
    wg.Wait()
}
```

## Use instead
```go
for _, url := range urls {
    wg.Add(1)
    go fetch(url, &wg)
}
wg.Wait()
```

## Notes
Opt-in (`--select LG304`, or `--select LG` for every rule); the delivery gate runs it. Fresh
code does not support a default: 1 of 8 findings of the first shape was judged worth fixing
(draws 2026-12-02-github14 to 2026-12-04-github31: zadig's batch of ten checked one at a time;
stash's tasks start one goroutine per item and wait for it on purpose), and the tuned ledger's
two were retry loops. The deadlock shape had no finding on the 55 services of the 2026-12-03 draws.

Waiting in batches (`if i%10 == 9 { wg.Wait() }`, or a Wait after an inner loop that starts the
batch) is deliberate and not reported, nor a `for {}` or `for retry() {}` loop that runs one
attempt or one worker at a time (a retry loop, a supervisor), nor a Wait after other work in
the same iteration (that work runs concurrently with the goroutine), nor a Wait that joins
several goroutines the iteration starts (`wg.Add(2); go a(); go b(); wg.Wait()`, or some in
an inner loop: they run concurrently with each other, a fork and join per item), nor a loop
over a ticker's channel (one job per tick, kept from overlapping the next). Tests and benchmarks are
not checked for the first shape: they serialise on purpose (to measure goroutine start-up, or
to test reuse of a group). An `Add(1)` before the loop is not the deadlock (the second `Done`
panics instead: LG301's and the race detector's business).

## Suppress
`//leakgate:ignore LG304 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.syntax import line_of, text
from leakgate.semantics.timers import ranges_ticks
from leakgate.semantics.waitgroups import GroupCall, go_statements_in, group_calls


@rule(
    id="LG304", name="waitgroup-wait-in-spawn-loop", level=Level.WARNING, precision="low",
    tags=("performance", "concurrency", "waitgroup"),
    default=False,
    summary="WaitGroup.Wait inside the loop that starts the goroutines: they run one at a time",
    help=__doc__,
)
def wait_in_spawn_loop(ctx: FileContext) -> None:
    calls = group_calls(ctx)
    for wait in calls:
        if wait.method != "Wait" or wait.deferred:
            continue
        statement = wait.call.parent
        block = statement.parent if statement is not None else None
        if block is not None and block.type == "statement_list":
            block = block.parent
        loop = block.parent if block is not None and block.type == "block" else None
        if block is None or loop is None or not _iterates(loop) or _on_a_ticker(ctx, loop) or \
                ctx.enclosing_function(loop) != wait.function:
            continue
        spawned = _spawned_before(ctx, calls, wait, block, loop)
        if not spawned:
            continue
        if not _added_before(ctx, calls, wait, block, loop):
            added = _added_for_every_item(calls, wait, loop)
            if added is not None:
                ctx.report(wait.call, f"`{wait.name}.Wait()` inside the loop blocks forever: "
                                      f"`{text(added.call)}` (line {line_of(added.call)}) "
                                      f"counted every iteration's goroutine before the loop, "
                                      f"and the first iteration waits before the next ones "
                                      f"start, so the counter never reaches zero; move Wait "
                                      f"after the loop")
            continue
        if ctx.is_test:
            continue  # tests and benchmarks serialise on purpose (goroutine start cost, reuse)
        inner = [g for g in go_statements_in(block) if g.start_byte < wait.call.start_byte
                 and _counted_in_inner_loop(ctx, calls, wait, g, loop)]
        if len(spawned) == 1 and not inner and _right_after(wait.call.parent, spawned[-1]):
            ctx.report(wait.call, f"`{wait.name}.Wait()` inside the loop that starts the "
                                  f"goroutines (line {line_of(spawned[0])}): each iteration "
                                  f"waits for its own goroutine, so they run one at a time; "
                                  f"move Wait after the loop")


def _spawned_before(ctx: FileContext, calls: list[GroupCall], wait: GroupCall, block: Node,
                    loop: Node) -> list[Node]:
    """The `go` statements and `Go` calls of this iteration before the Wait."""
    spawned = [g for g in go_statements_in(block) if g.start_byte < wait.call.start_byte
               and ctx.inside(g, "for_statement") == loop]
    spawned += [c.call for c in calls if c.method == "Go" and c.group == wait.group and
                block.start_byte < c.call.start_byte < wait.call.start_byte and
                ctx.inside(c.call, "for_statement") == loop]
    return spawned


def _added_before(ctx: FileContext, calls: list[GroupCall], wait: GroupCall, block: Node,
                  loop: Node) -> bool:
    """Whether this iteration adds to the waited group before the Wait."""
    return any(c.method in ("Add", "Go") and c.group == wait.group and not c.negative()
               and block.start_byte < c.call.start_byte < wait.call.start_byte
               and ctx.inside(c.call, "for_statement") == loop for c in calls)


def _added_for_every_item(calls: list[GroupCall], wait: GroupCall,
                          loop: Node) -> GroupCall | None:
    """`wg.Add(len(items))` (any count but 1 or a negative one) in the same function before
    the loop: the group's last call before the loop."""
    before = [c for c in calls if c.group == wait.group and c.function == wait.function and
              c.call.end_byte <= loop.start_byte and not c.deferred]
    if not before or before[-1].method != "Add" or before[-1].negative():
        return None
    added = before[-1]
    arguments = added.call.child_by_field_name("arguments")
    count = text(arguments).strip("() \t") if arguments is not None else ""
    return added if count and count != "1" else None  # Add(1): the second Done panics


def _iterates(loop: Node) -> bool:
    """A `range` or three-clause loop: one goroutine per item. A `for cond() {}` loop is a
    retry or a supervisor, one attempt at a time by design."""
    return loop.type == "for_statement" and any(
        child.type in ("range_clause", "for_clause") for child in loop.named_children)


def _counted_in_inner_loop(ctx: FileContext, calls: list[GroupCall], wait: GroupCall,
                           spawn: Node, loop: Node) -> bool:
    """A goroutine started in a loop nested in ``loop`` that counts the waited group (its loop
    adds to it, or it says Done): one of a batch the Wait joins."""
    inner = ctx.inside(spawn, "for_statement")
    return inner is not None and inner != loop and any(
        c.group == wait.group and inner.start_byte <= c.call.start_byte < inner.end_byte
        for c in calls)


def _on_a_ticker(ctx: FileContext, loop: Node) -> bool:
    """`for range ticker.C` or `for range time.Tick(d)` (timers.ranges_ticks): one pass per
    tick, and the Wait keeps one tick's job from overlapping the next's, with no end to wait
    after."""
    return any(c.type == "range_clause" and ranges_ticks(ctx, c) for c in loop.named_children)


def _right_after(wait_statement: Node | None, spawn: Node) -> bool:
    """Whether the Wait statement directly follows the statement that starts the last
    goroutine: work in between runs concurrently with it, which is the point."""
    statement = spawn
    while statement.parent is not None and statement.parent.type not in ("block",
                                                                          "statement_list"):
        statement = statement.parent
    following = statement.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    return wait_statement is not None and following == wait_statement
