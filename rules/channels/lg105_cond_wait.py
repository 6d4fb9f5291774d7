"""
## What it does
Reports `c.Wait()` on a `sync.Cond` (a struct field, or a local made by `sync.NewCond`) that
- is not inside a `for` loop of its function: the condition is not re-checked when Wait
  returns; or
- nothing in the package ever signals: no `Signal()` or `Broadcast()` on that Cond anywhere
  (any file, tests included), and it is not handed on.

## Why is this bad?
`Wait` unlocks `c.L`, sleeps, and locks it again when woken; by then another goroutine may have
taken what it waited for (`Broadcast` wakes them all), so the caller cannot assume the condition
holds. Waiting once instead of `for !ready { c.Wait() }` acts on a state that is not there: a
lost wake-up, a nil item, a second consumer that blocks forever. A Cond nobody signals is a
receive nobody sends on: Wait never returns.

## Example
```go
s.mu.Lock()
if len(s.queue) == 0 {
    s.cond.Wait()
}
item := s.queue[0] // another consumer may have emptied it
```

## Use instead
```go
s.mu.Lock()
for len(s.queue) == 0 {
    s.cond.Wait()
}
```

## Notes
A Wait whose function returns right after it (`if empty { c.Wait(); return 0, nil }`, unlocks
and `cancel()` calls between them change nothing) hands the re-check to its caller, which loops
(`for n == 0 { n = readOrBlock() }`), and is not reported; nor is a Wait in a function every
caller of which calls it in a loop (`for { t.take(); if ready { ... } }`), nor one followed by a
`goto` back to a label above it (a loop spelled so), nor one outside a loop in tests, which
wait once to observe the wake-up itself. A Cond parameter is signalled by whoever passes it,
and a field assigned another's Cond (`crumb{nextCond: c.newer}`) where that one is.

Opt-in (`--select LG105`, or `--select LG` for every rule): on fresh code none of 11 findings
was worth fixing (draws 2026-12-03-github24, -github28 and 2026-12-04-github30: waits once on
purpose, then fixed shapes), then 1 of 3 (github31 and -github32: cubefs's lost wake-up; a
`goto` loop, now followed); the delivery gate runs it. The Cond's type comes from the syntax:
a field declared `sync.Cond` or `*sync.Cond`, a local declared so or made by `sync.NewCond`. A
field whose signals may be hidden (handed to other code, touched through a value of unknown
type, or exported to other packages) is never reported as unsignalled.

## Suppress
`//leakgate:ignore LG105 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cfg import returns_next
from leakgate.semantics.concurrency import ESCAPE, mentions_conds
from leakgate.semantics.field_sites import ACCESSOR, ASSIGN, CALL, accessed_field, field_sites
from leakgate.semantics.frequency import called_in_loops
from leakgate.semantics.loops import in_loop
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import call_callee, text, unparen
from leakgate.semantics.types import initial_value, local_has_type

_SIGNALS = ("Signal", "Broadcast")


@rule(
    id="LG105", name="cond-wait", level=Level.WARNING, precision="medium",
    tags=("reliability", "concurrency", "deadlock", "external/cwe/cwe-833"),
    default=False,
    summary="sync.Cond.Wait outside a loop re-checking its condition, or on a Cond nobody "
            "signals",
    help=__doc__,
)
def cond_wait(ctx: FileContext) -> None:
    if b".Wait()" not in ctx.source.data or not mentions_conds(ctx):
        return
    for call, operand in ctx.method_calls("Wait"):
        arguments = call.child_by_field_name("arguments")
        function = ctx.enclosing_function(call)
        if function is None or arguments is None or arguments.named_child_count or \
                not _is_cond(ctx, operand):
            continue
        shown = text(operand)
        if _never_signalled(ctx, operand):
            ctx.report(call, f"`{shown}.Wait()` blocks forever: nothing in the package calls "
                             f"`{shown}.Signal()` or `Broadcast()`. Signal it where the "
                             f"condition changes")
        elif not ctx.is_test and not in_loop(call, function) and \
                not returns_next(call.parent or call, _releases) and \
                not called_in_loops(ctx, function) and \
                not _goes_back(ctx, call.parent or call, function):
            ctx.report(call, f"`{shown}.Wait()` outside a loop: when it returns the condition "
                             f"may no longer hold (another waiter took it, or Broadcast woke "
                             f"them all); wait in `for !condition {{ {shown}.Wait() }}`")


def _releases(statement: Node) -> bool:
    """A statement that changes nothing the caller re-checks: `mu.Unlock()`, `c.L.Unlock()`,
    `cancel()` (a call of a local function value with no arguments)."""
    call = statement.named_children[0] if statement.type == "expression_statement" and \
        statement.named_child_count else None
    if call is None or call.type != "call_expression":
        return False
    arguments = call.child_by_field_name("arguments")
    function = call.child_by_field_name("function")
    if arguments is None or arguments.named_child_count or function is None:
        return False
    return function.type == "identifier" or call_callee(call)[1] in ("Unlock", "RUnlock")


def _goes_back(ctx: FileContext, statement: Node, function: Node) -> bool:
    """A loop written with `goto`: the statement after the Wait jumps to a label above it,
    where the condition is checked again (`entry: if q.full() { c.Wait(); goto entry }`)."""
    following = statement.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    label = following.named_children[0] if following is not None and \
        following.type == "goto_statement" and following.named_child_count else None
    return label is not None and any(
        labeled.start_byte < statement.start_byte and labeled.named_child_count and
        text(labeled.named_children[0]) == text(label)
        for labeled in ctx.find("labeled_statement")
        if ctx.enclosing_function(labeled) == function)


def _is_cond(ctx: FileContext, operand: Node) -> bool:
    operand = unparen(operand)
    if operand.type == "identifier":
        definition = ctx.resolve(operand)
        return definition is not None and (_made_here(ctx, definition) or
                                           local_has_type(ctx, definition, "sync", "Cond"))
    field = accessed_field(ctx, operand)
    declared = ctx.package_view.field_type(field.owner, field.name) if field else None
    return declared is not None and text(declared).lstrip("*") == "sync.Cond"


def _new_cond(ctx: FileContext, value: Node) -> bool:
    """`sync.NewCond(...)` or `&sync.Cond{...}`: a Cond of its own, not another's."""
    value = unparen(value)
    if value.type == "unary_expression":
        value = unparen(value.child_by_field_name("operand") or value)
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        return function is not None and ctx.is_qualified(function, "sync", "NewCond")
    kind = value.child_by_field_name("type") if value.type == "composite_literal" else None
    return kind is not None and ctx.is_qualified(kind, "sync", "Cond")


def _made_here(ctx: FileContext, definition: Definition) -> bool:
    """A local made by `sync.NewCond(...)` (or `&sync.Cond{...}`) in its own declaration."""
    value = initial_value(definition)
    if value is None or definition.kind not in ("short", "var"):
        return False
    value = unparen(value)
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        return function is not None and ctx.is_qualified(function, "sync", "NewCond")
    return local_has_type(ctx, definition, "sync", "Cond")


def _never_signalled(ctx: FileContext, operand: Node) -> bool:
    """No `Signal()`/`Broadcast()` on the Cond anywhere the package can see, and nothing
    hides one: for a local, every use is a Wait (no capture, no hand-off); for a field, its
    sites hold no signal, hand-off or accessor, and no hidden or foreign site may."""
    operand = unparen(operand)
    if operand.type == "identifier":
        definition = ctx.resolve(operand)
        if definition is None or not _made_here(ctx, definition):
            return False  # a parameter, or a Cond from elsewhere: its signals are elsewhere
        for use in ctx.scopes(operand).uses(definition):
            holder = use.parent
            name = holder.child_by_field_name("field") if holder is not None and \
                holder.type == "selector_expression" else None
            if name is None or text(name) not in ("Wait", "L"):
                return False  # signalled, handed on, or captured to be
        return True
    field = accessed_field(ctx, operand)
    if field is None:
        return False
    sites = field_sites(ctx, field)
    if sites.foreign or sites.of(ESCAPE, ACCESSOR) or sites.hidden_of(CALL, ESCAPE, ACCESSOR):
        return False
    if any(not _new_cond(ctx, s.value) for s in sites.of(ASSIGN) if s.value is not None):
        return False  # shares a Cond made elsewhere (`nextCond: c.cond`): signalled there
    return not any(call_callee(s.operation)[1] in _SIGNALS for s in sites.of(CALL))
