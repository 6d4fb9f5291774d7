"""Family 5: timers and tickers that are never stopped, and the drain that blocks forever.

Before Go 1.23 a Timer or Ticker lived until it was stopped (a ticker: forever) or fired, even
when nothing referenced it any more. Since 1.23 the garbage collector reclaims them, so LG501,
LG502 and LG504 only report for modules whose `go` line is older (or unknown: the run says so
once), LG503 drops to a note, and LG505 says why the drain is wrong in either version.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import TIMERS_COLLECTED
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.concurrency import runs_for_process, select_of
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.loops import loop_exits
from leakgate.semantics.syntax import (
    assignment_of,
    call_callee,
    descendants,
    line_of,
    selected_field,
    statements_of,
    text,
    unparen,
)

TIME = "time"
_COLLECTED = "Since Go 1.23 an unreferenced timer or ticker is collected even if never stopped"


def _settled(ctx: FileContext, call: Node) -> bool:
    """Whether a leak found at ``call`` cannot accumulate or is not one for this module:
    `main`, `init` and what only they run happen once; since Go 1.23 timers are collected.
    (Asked only for a leak already found: the first question costs a look at the callers.)"""
    return runs_for_process(ctx, call) or ctx.has(TIMERS_COLLECTED)


def _stop_leak(ctx: FileContext, call: Node, function: Node,
               also: Callable[[Node], bool] | None = None) -> tuple[str, Node] | None:
    """For `t := time.NewTicker(...)`-like calls: (variable, a return reached without
    stopping it) when the value stays local and some path returns without `t.Stop()`.
    ``also`` marks other uses that settle the value (a receive from `t.C`)."""
    assigned = assignment_of(call)
    if assigned is None:
        return None  # returned, passed on, stored through an expression: the caller's job
    statement, left = assigned
    if len(left) != 1 or left[0].type != "identifier":
        return None
    scopes = ctx.scopes(call)
    definition = scopes.resolve(left[0])
    if definition is None or definition.function != function:
        return None  # a field, package or outer variable: stopped elsewhere
    settled: list[int] = []
    for use in scopes.uses(definition):
        selected = selected_field(use)
        if selected is not None and selected[0] == "Stop":
            settled.append(use.start_byte)
        elif escape_of_use(use, definition) is not None or \
                (also is not None and also(use)):
            settled.append(use.start_byte)
    if definition.kind == "result":
        return None
    cfg = ctx.cfg(function)
    if cfg is None:
        return None
    leak = cfg.exit_avoiding(statement, lambda item: any(
        item.start_byte <= p < item.end_byte for p in settled))
    if leak is None or _ends_in_endless_range(ctx, function, f"{definition.name}.C", statement,
                                              leak):
        return None
    return definition.name, leak


def _ends_in_endless_range(ctx: FileContext, function: Node, channel: str, start: Node,
                           leak: Node) -> bool:
    """Whether a `for range channel` loop (`t.C`, or a variable holding `time.Tick(d)`) with
    no way out lies between ``start`` and ``leak``: a timer's channel is never closed, so the
    path the control-flow graph takes out of that loop does not exist."""
    for loop in descendants(function, frozenset({"for_statement"}), into_functions=False):
        if start.end_byte <= loop.start_byte and loop.start_byte < leak.end_byte and \
                _ranged_over(loop) == channel and not loop_exits(ctx, loop):
            return True
    return False


def _ranged_over(loop: Node) -> str | None:
    for child in loop.named_children:
        if child.type == "range_clause":
            right = child.child_by_field_name("right")
            return text(right) if right is not None else None
    return None


def _received(use: Node) -> bool:
    """`<-t.C` (a plain receive or a select case): the timer fired and its value was taken."""
    selected = selected_field(use)
    holder = selected[1].parent if selected is not None else None
    if selected is None or selected[0] != "C" or holder is None:
        return False
    if holder.type == "unary_expression" and text(holder).startswith("<-"):
        return True
    # `timeout = t.C`: received through another name (a nil channel when there is no timer).
    return holder.type == "expression_list" and holder.parent is not None and \
        holder.parent.type in ("assignment_statement", "short_var_declaration", "var_spec") \
        and holder.parent.child_by_field_name("left") != holder


# --------------------------------------------------------------------------------------------
@rule(
    id="LG501", name="ticker-not-stopped", level=Level.WARNING, precision="high",
    tags=("reliability", "timer", "resource-leak", "external/cwe/cwe-772"),
    imports=(TIME,),
    summary="A time.NewTicker that is not stopped on every path (leaks before Go 1.23)",
    help="""
## What it does
Reports `t := time.NewTicker(d)` in a function that can return without calling `t.Stop()`,
naming the return; and `time.NewTicker(d).C` used directly, which can never be stopped. Only for
modules whose go.mod `go` line is before 1.23, or unknown (the run then says it assumed so).

## Why is this bad?
Before Go 1.23 the runtime keeps a ticker alive until it is stopped, whether or not anything
still refers to it: every call of the function leaks one ticker that keeps firing into a
channel nobody reads, costing memory and CPU for the life of the process.

## Example
```go
func poll(ctx context.Context) error {
    t := time.NewTicker(time.Second)
    for {
        select {
        case <-ctx.Done():
            return ctx.Err() // the ticker is never stopped
        case <-t.C:
            check()
        }
    }
}
```

## Use instead
```go
    t := time.NewTicker(time.Second)
    defer t.Stop()
```

## Notes
A ticker stored in a field (`s.ticker = time.NewTicker(d)`, or a struct literal's key) is
reported when no file of the package stops it or does anything with the field but read its
channel: every value made leaks a ticker.

Silent when the ticker is returned, stored in a variable outside the function, passed to a call
or captured by a closure (whoever holds it stops it), when a field that holds it is stopped or
handed on anywhere in the package, in `main`, `init` and functions
only they run, and in functions that never return (an endless loop). Since Go 1.23 unreferenced
tickers are collected: set the module's `go` line (or `--go`) and the rule is silent. Tests
are not checked: what a test leaks ends with the test process.

## Suppress
`//leakgate:ignore LG501 <reason>`.
""",
)
def ticker_not_stopped(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # a test process is short-lived: what leaks there is gone with it
    for call, _ in ctx.calls_to(TIME, {"NewTicker"}):
        function = ctx.enclosing_function(call)
        if function is None:
            continue
        parent = call.parent
        if parent is not None and parent.type == "selector_expression":
            leak = _returns_after(ctx, call, function)
            if leak is not None and not _settled(ctx, call):
                ctx.report(call, f"this ticker can never be stopped (only its channel is kept) "
                                 f"and {describe_exit(leak)} can be reached: it leaks; keep it and "
                                 f"`defer t.Stop()`")
            continue
        field = _field_holding(call)
        if field is not None:
            if _field_only_read(ctx, field) and not _settled(ctx, call):
                ctx.report(call, f"the ticker kept in field `{field}` is never stopped: no code "
                                 f"of the package calls `.{field}.Stop()` or hands the ticker "
                                 f"on, so every value made here leaks a ticker that fires "
                                 f"forever (before Go 1.23); stop it where the value is closed "
                                 f"or shut down")
            continue
        found = _stop_leak(ctx, call, function)
        if found is None or _settled(ctx, call):
            continue
        name, leak = found
        earlier = _deferred_stop_before(function, name, call)
        fix = f"call `defer {name}.Stop()` after this line" if earlier is None else \
            (f"`defer {name}.Stop()` on line {line_of(earlier)} stops the ticker {name} held "
             f"when the defer ran, not this one: use `{name}.Reset(d)` instead of a new ticker, "
             f"or `defer func() {{ {name}.Stop() }}()`")
        ctx.report(call, f"the ticker {name} is not stopped on every path: "
                         f"{describe_exit(leak)} is reached without `{name}.Stop()` and the "
                         f"ticker keeps firing forever (before Go 1.23); {fix}")


def _field_holding(call: Node) -> str | None:
    """The field a new ticker is stored in: `s.ticker = time.NewTicker(d)`, or
    `&server{ticker: time.NewTicker(d)}`."""
    assigned = assignment_of(call)
    if assigned is not None:
        left = assigned[1]
        if len(left) == 1 and left[0].type == "selector_expression":
            field = left[0].child_by_field_name("field")
            return text(field) if field is not None else None
        return None
    holder = call.parent
    if holder is not None and holder.type == "literal_element":
        holder = holder.parent
    if holder is not None and holder.type == "keyed_element" and holder.named_child_count == 2 \
            and holder.named_children[1].start_byte <= call.start_byte:
        key = holder.named_children[0]
        key = key.named_children[0] if key.type == "literal_element" and \
            key.named_child_count else key
        return text(key) if key.type in ("field_identifier", "identifier") else None
    return None


def _field_only_read(ctx: FileContext, field: str) -> bool:
    """No file of the package does anything with `.field` but read its channel, compare it or
    assign it: nothing stops it (`.field.Stop()`, `.field.Reset(d)`) or hands it on."""
    pattern = re.compile(rb"\." + re.escape(field.encode()) + rb"\b(?!\s*\.\s*C\b)"
                         rb"(?!\s*(?:=[^=]|!=|==))")

    def compute() -> bool:
        return not any(pattern.search(data) for data in ctx.package_view.texts())

    return bool(ctx.package_view.fact(f"ticker field only read: {field}", compute))


def _deferred_stop_before(function: Node, name: str, call: Node) -> Node | None:
    """`defer name.Stop()` before ``call``: Go evaluates the receiver when the defer runs, so
    it stops the ticker `name` held then, not one assigned later."""
    for defer in descendants(function, frozenset({"defer_statement"}), into_functions=False):
        if defer.start_byte < call.start_byte and text(defer).replace(" ", "") == \
                f"defer{name}.Stop()":
            return defer
    return None


def _returns_after(ctx: FileContext, node: Node, function: Node) -> Node | None:
    """A return (or the end of the function) reachable after ``node``; for a `for range`
    over a never-closed tick channel, only the loop's own exits count."""
    loop = _ranged_by(node)
    if loop is not None:
        exits = loop_exits(ctx, loop)
        if not exits:
            return None  # the channel never closes: the loop never ends
    cfg = ctx.cfg(function)
    if cfg is None:
        return None
    leak = cfg.exit_avoiding(node, lambda item: False)
    assigned = assignment_of(node)
    if leak is not None and assigned is not None and len(assigned[1]) == 1 and \
            _ends_in_endless_range(ctx, function, text(assigned[1][0]), assigned[0], leak):
        return None  # `tick := time.Tick(d); for range tick {}` never ends
    return leak


def _directly_returned(call: Node) -> bool:
    parent = call.parent
    while parent is not None and parent.type in ("parenthesized_expression", "expression_list"):
        parent = parent.parent
    return parent is not None and parent.type == "return_statement"


def _ranged_by(node: Node) -> Node | None:
    """The `for range` loop whose range expression is ``node`` (or `node.C`)."""
    current = node
    parent = current.parent
    if parent is not None and parent.type == "selector_expression":
        current, parent = parent, parent.parent
    if parent is not None and parent.type == "range_clause" and \
            parent.child_by_field_name("right") == current:
        loop = parent.parent
        return loop if loop is not None and loop.type == "for_statement" else None
    return None


# --------------------------------------------------------------------------------------------
@rule(
    id="LG502", name="time-tick-leak", level=Level.WARNING, precision="high",
    tags=("reliability", "timer", "resource-leak", "external/cwe/cwe-772"),
    imports=(TIME,),
    summary="time.Tick in a function that returns: the ticker can never be stopped",
    help="""
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
""",
)
def time_tick_leak(ctx: FileContext) -> None:
    if ctx.is_test or ctx.package == "main":
        return  # short-lived processes: what leaks there is gone with them
    for call, _ in ctx.calls_to(TIME, {"Tick"}):
        function = ctx.enclosing_function(call)
        if function is None:
            continue
        if _directly_returned(call):
            continue  # a wrapper of time.Tick: its caller holds the channel
        leak = _returns_after(ctx, call, function)
        if leak is None or _settled(ctx, call):
            continue
        ctx.report(call, f"time.Tick's ticker can never be stopped, and this function returns "
                         f"({describe_exit(leak)}): each call leaks a ticker (before Go 1.23); use "
                         f"time.NewTicker and `defer t.Stop()`")


# --------------------------------------------------------------------------------------------
@rule(
    id="LG503", name="time-after-in-loop", level=Level.WARNING, precision="high",
    tags=("performance", "timer", "resource-leak"),
    imports=(TIME,),
    summary="time.After in a loop's select: a new timer every iteration",
    help="""
## What it does
Reports `<-time.After(d)` as a case of a `select` inside a `for` loop when another case that can
fire again and again (a receive that takes a value, a send, or `default`) goes round the loop:
every iteration creates a timer, and the iterations that end through the other case abandon it.

## Why is this bad?
Before Go 1.23 each abandoned timer stays in memory until it fires: a busy loop with a long
timeout (an idle timeout of a minute, a message every millisecond) holds tens of thousands of
timers. Since 1.23 they are collected, but each iteration still allocates one: the finding is a
note there.

## Example
```go
for {
    select {
    case msg := <-in:
        handle(msg)
    case <-time.After(time.Minute):
        return errIdle
    }
}
```

## Use instead
```go
idle := time.NewTimer(time.Minute)
defer idle.Stop()
for {
    select {
    case msg := <-in:
        handle(msg)
        idle.Reset(time.Minute)
    case <-idle.C:
        return errIdle
    }
}
```

## Notes
Silent when every other case leaves the loop (`return`, a `break` out of it) or is a bare
signal (`case <-done:`, `case <-ctx.Done():`, which fires once): then each timer either fires
or is one of few; when the duration is a constant under a second (`time.After(time.Millisecond)`:
each timer is gone within the second, so they cannot pile up); and in tests.

## Suppress
`//leakgate:ignore LG503 <reason>`.
""",
)
def time_after_in_loop(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # a test process is short-lived: what leaks there is gone with it
    for call, _ in ctx.calls_to(TIME, {"After"}):
        if _fires_within_a_second(ctx, call):
            continue  # each abandoned timer is gone within the second: nothing accumulates
        receive = call.parent
        if receive is None or receive.type != "unary_expression" or \
                not text(receive).startswith("<-"):
            continue
        select = select_of(receive)
        if select is None:
            continue
        loop = ctx.inside(select, "for_statement")
        if loop is None or ctx.enclosing_function(loop) != ctx.enclosing_function(select):
            continue
        own = receive.parent
        while own is not None and own.type != "communication_case":
            own = own.parent
        others = [c for c in select.named_children
                  if c.type in ("communication_case", "default_case") and c != own]
        exits = {(e.start_byte, e.end_byte) for e in loop_exits(ctx, loop)}
        if not any(_streams(clause) and _goes_round(clause, exits) for clause in others):
            continue
        if ctx.has(TIMERS_COLLECTED):
            ctx.report(call, "time.After in a loop's select allocates a timer every iteration; "
                             "reuse one time.NewTimer and Reset it", level=Level.NOTE)
        else:
            ctx.report(call, "time.After in a loop's select creates a timer every iteration, "
                             "and each one abandoned by another case stays in memory until it "
                             "fires (before Go 1.23); reuse one time.NewTimer and Reset it")


_UNITS = {"Nanosecond": 1, "Microsecond": 10**3, "Millisecond": 10**6, "Second": 10**9,
          "Minute": 60 * 10**9, "Hour": 3600 * 10**9}


def _fires_within_a_second(ctx: FileContext, call: Node) -> bool:
    """The timer's duration (the first argument) is a constant under a second: `time.Millisecond`,
    `100 * time.Millisecond`, `time.Duration(500) * time.Microsecond`."""
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and \
        arguments.named_child_count else None
    nanoseconds = _constant_duration(ctx, first) if first is not None else None
    return nanoseconds is not None and nanoseconds < 10**9


def _constant_duration(ctx: FileContext, node: Node) -> int | None:
    node = unparen(node)
    if node.type == "int_literal":
        try:
            return int(text(node).replace("_", ""), 0)
        except ValueError:
            return None
    if node.type == "selector_expression":
        field = node.child_by_field_name("field")
        name = text(field) if field is not None else ""
        return _UNITS.get(name) if ctx.is_qualified(node, TIME, name) else None
    if node.type == "call_expression" and text(node.child_by_field_name("function") or node) \
            == "time.Duration":
        arguments = node.child_by_field_name("arguments")
        inner = arguments.named_children[0] if arguments is not None and \
            arguments.named_child_count == 1 else None
        return _constant_duration(ctx, inner) if inner is not None else None
    if node.type == "binary_expression" and text(node.child_by_field_name("operator") or node) \
            == "*":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        a = _constant_duration(ctx, left) if left is not None else None
        b = _constant_duration(ctx, right) if right is not None else None
        return a * b if a is not None and b is not None else None
    return None


def _streams(clause: Node) -> bool:
    """A case that can fire again and again: a `default`, a send, or a receive that takes a
    value (`case msg := <-in`). A bare `case <-done:` is a signal that fires once (a stop
    channel, a context, a completion): the timers it abandons are one per signal."""
    if clause.type == "default_case":
        return True
    communication = clause.child_by_field_name("communication")
    if communication is None:
        return False
    return communication.type == "send_statement" or (
        communication.type == "receive_statement" and
        communication.child_by_field_name("left") is not None)


def _goes_round(clause: Node, exits: set[tuple[int, int]]) -> bool:
    """Whether a select case can end without leaving the loop."""
    statements = statements_of(clause)
    if not statements:
        return True
    last = statements[-1]
    if (last.start_byte, last.end_byte) in exits:
        return False
    return last.type not in ("return_statement", "goto_statement") and \
        not (last.type == "expression_statement" and text(last).startswith("panic("))


# --------------------------------------------------------------------------------------------
@rule(
    id="LG504", name="timer-not-stopped", level=Level.NOTE, precision="medium",
    tags=("reliability", "timer", "resource-leak"),
    imports=(TIME,),
    summary="A time.NewTimer or time.AfterFunc not stopped on paths that return before it fires",
    help="""
## What it does
Reports `t := time.NewTimer(d)` when a path returns without stopping the timer and without
receiving from `t.C`; and `t := time.AfterFunc(d, f)` when `t.Stop()` is called on some paths
but a return skips it. Only for modules whose go.mod `go` line is before 1.23, or unknown.

## Why is this bad?
Before Go 1.23 an unstopped timer stays in memory until it fires; with a long duration on a
path taken often (a cancelled request, an early error) they pile up. An AfterFunc not stopped
also runs its function after the caller has given up.

## Example
```go
t := time.NewTimer(timeout)
select {
case <-ctx.Done():
    return ctx.Err() // t is alive until timeout
case <-t.C:
    return errTimeout
case r := <-results:
    t.Stop()
    return r
}
```

## Use instead
```go
t := time.NewTimer(timeout)
defer t.Stop()
```

## Notes
A note, not a warning: the timer is released when it fires. Silent when the timer is
returned, stored outside the function, passed on or captured, when its duration is a constant
under a second (it is released within the second), in tests, and since Go 1.23.

## Suppress
`//leakgate:ignore LG504 <reason>`.
""",
)
def timer_not_stopped(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # a test process is short-lived: what leaks there is gone with it
    for call, name in ctx.calls_to(TIME, {"NewTimer", "AfterFunc"}):
        function = ctx.enclosing_function(call)
        if function is None:
            continue
        if name == "AfterFunc" and not _stopped_somewhere(call):
            continue  # fire and forget: the function is meant to run
        if _fires_within_a_second(ctx, call):
            continue  # released within the second it was made
        found = _stop_leak(ctx, call, function, also=_received)
        if found is None or _settled(ctx, call):
            continue
        variable, leak = found
        what = "timer" if name == "NewTimer" else "AfterFunc timer"
        ctx.report(call, f"the {what} {variable} is not stopped when {describe_exit(leak)} is "
                         f"reached: it stays in memory until it fires (before Go 1.23); call "
                         f"`defer {variable}.Stop()`")


def _stopped_somewhere(call: Node) -> bool:
    assigned = assignment_of(call)
    if assigned is None or len(assigned[1]) != 1:
        return False
    name = text(assigned[1][0])
    function = call.parent
    while function is not None and function.type not in ("function_declaration",
                                                         "method_declaration", "func_literal"):
        function = function.parent
    return function is not None and f"{name}.Stop()" in text(function)


# --------------------------------------------------------------------------------------------
@rule(
    id="LG505", name="timer-drain-deadlock", level=Level.ERROR, precision="high",
    tags=("reliability", "timer", "deadlock"),
    imports=(TIME,),
    summary="`if !t.Stop() { <-t.C }` after t.C may already have been received: blocks forever",
    help="""
## What it does
Reports the drain idiom `if !t.Stop() { <-t.C }` when another receive from `t.C` (a `select`
case earlier in the loop, a plain receive) can come before it without a `Reset` in between.

## Why is this bad?
`Stop` returns false when the timer already fired. If that value was already received, the
channel is empty and the drain blocks forever. Since Go 1.23 `Stop` returns false only in that
case (an unreceived value is discarded by `Stop`), so the drain is never needed there and
blocks whenever it runs.

## Example
```go
for {
    select {
    case <-t.C:
        flush()
    case item := <-in:
        if !t.Stop() {
            <-t.C // blocks forever if the case above already took the value
        }
        t.Reset(interval)
    }
}
```

## Use instead
Go 1.23 and later: drop the drain, `t.Reset(interval)` alone is correct. Before: drain without
blocking, `select { case <-t.C: default: }`, or track whether the value was received.

## Suppress
`//leakgate:ignore LG505 <reason>`.
""",
)
def timer_drain_deadlock(ctx: FileContext) -> None:
    if b".Stop()" not in ctx.source.data:
        return
    for call, _ in ctx.method_calls("Stop"):
        drain = _drain_of(call)
        if drain is None:
            continue
        condition_if, receive, timer = drain
        function = ctx.enclosing_function(condition_if)
        cfg = ctx.cfg(function) if function is not None else None
        condition = condition_if.child_by_field_name("condition")
        if function is None or cfg is None or condition is None or \
                cfg.locate(condition) is None:
            continue
        # A Reset re-arms the timer, and an assignment makes the name another timer.
        resets = [c.start_byte for c, operand in ctx.method_calls("Reset")
                  if text(operand) == timer and
                  function.start_byte <= c.start_byte < function.end_byte]
        resets += [a.start_byte for a in _assignments_to(function, timer)]
        resets += _resetting_calls(ctx, function, timer)
        for earlier in _receives(function, timer):
            if earlier.start_byte == receive.start_byte or cfg.locate(earlier) is None:
                continue
            if cfg.reaches_avoiding(earlier, condition, lambda item, r=resets: any(
                    item.start_byte <= p < item.end_byte for p in r)):
                why = ("since Go 1.23 Stop returns false only when the value was already "
                       "received, so this drain blocks whenever it runs: remove it") \
                    if ctx.has(TIMERS_COLLECTED) else \
                    ("then Stop returns false and this receive blocks forever; drain with "
                     "`select { case <-" + timer + ".C: default: }`")
                ctx.report(receive, f"`{timer}.C` may already have been received (line "
                                    f"{line_of(earlier)}) when this drain runs: {why}")
                break


def _drain_of(stop: Node) -> tuple[Node, Node, str] | None:
    """For `t.Stop()` in `if !t.Stop() { <-t.C }`: (the if, the receive, "t")."""
    operand, _ = call_callee(stop)
    negation = stop.parent
    if operand is None or negation is None or negation.type != "unary_expression" or \
            not text(negation).startswith("!"):
        return None
    condition_if = negation.parent
    if condition_if is None or condition_if.type != "if_statement" or \
            condition_if.child_by_field_name("condition") != negation:
        return None
    timer = text(operand)
    for statement in statements_of(condition_if.child_by_field_name("consequence")):
        if statement.type == "expression_statement" and statement.named_child_count:
            receive = unparen(statement.named_children[0])
            if _receives_from(receive, timer):
                return condition_if, receive, timer
    return None


def _resetting_calls(ctx: FileContext, function: Node, timer: str) -> list[int]:
    """Calls of same-package functions that reset the field timer `x.timer` themselves."""
    if "." not in timer:
        return []
    needle = f".{timer.rsplit('.', 1)[-1]}.Reset("
    found = []
    for call in descendants(function, frozenset({"call_expression"}), into_functions=False):
        resolution = ctx.package_view.resolve_call(ctx, call)
        if resolution is not None and any(needle in text(t.node) for t in resolution.targets):
            found.append(call.start_byte)
    return found


def _assignments_to(function: Node, name: str) -> list[Node]:
    found = []
    for statement in descendants(function, frozenset({"short_var_declaration",
                                                      "assignment_statement", "var_spec"}),
                                 into_functions=False):
        left = statement.child_by_field_name("left")
        names = left.named_children if left is not None else \
            statement.children_by_field_name("name")
        if any(text(n) == name for n in names):
            found.append(statement)
    return found


def _receives_from(node: Node, timer: str) -> bool:
    return node.type == "unary_expression" and text(node).startswith("<-") and \
        node.named_child_count == 1 and text(node.named_children[0]) == f"{timer}.C"


def _receives(function: Node, timer: str) -> list[Node]:
    return [n for n in descendants(function, frozenset({"unary_expression"}),
                                   into_functions=False) if _receives_from(n, timer)]


RULES = [ticker_not_stopped, time_tick_leak, time_after_in_loop, timer_not_stopped,
         timer_drain_deadlock]
