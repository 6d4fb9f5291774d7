"""Timers and tickers: whether one is stopped, whether its function returns, how long it runs.

Before Go 1.23 a Timer or Ticker lived until it was stopped (a ticker: forever) or fired, even
when nothing referenced it any more; since 1.23 the garbage collector reclaims them. These are
the questions the timer rules (LG501-LG505) share: a path that returns without stopping a
local timer, a return reachable after a tick channel is made, a duration under a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from leakgate.semantics.constants import ARITHMETIC, fold_integer
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact
from leakgate.semantics.loops import loop_exits
from leakgate.semantics.model import FileModel
from leakgate.semantics.syntax import assignment_of, descendants, selected_field, text, unparen
from leakgate.semantics.types import initial_value

TIME = "time"

# A duration is a count of nanoseconds: the `time` units, scaled by products only.
_UNITS = {"Nanosecond": 1, "Microsecond": 10**3, "Millisecond": 10**6, "Second": 10**9,
          "Minute": 60 * 10**9, "Hour": 3600 * 10**9}
_SCALING = {"*": ARITHMETIC["*"]}

_ONLY_READ: Fact[bool] = Fact("ticker field only read")


def stop_leak(file: FileModel, call: Node, function: Node,
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
    scopes = file.scopes(call)
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
    cfg = file.cfg(function)
    if cfg is None:
        return None
    leak = cfg.exit_avoiding(statement, settled)
    if leak is None or _ends_in_endless_range(file, function, f"{definition.name}.C", statement,
                                              leak):
        return None
    return definition.name, leak


def returns_after(file: FileModel, node: Node, function: Node) -> Node | None:
    """A return (or the end of the function) reachable after ``node``; for a `for range`
    over a never-closed tick channel, only the loop's own exits count."""
    loop = _ranged_by(node)
    if loop is not None:
        exits = loop_exits(file, loop)
        if not exits:
            return None  # the channel never closes: the loop never ends
    cfg = file.cfg(function)
    if cfg is None:
        return None
    leak = cfg.exit_avoiding(node, ())  # any way out: nothing here counts as a use
    assigned = assignment_of(node)
    if leak is not None and assigned is not None and len(assigned[1]) == 1 and \
            _ends_in_endless_range(file, function, text(assigned[1][0]), assigned[0], leak):
        return None  # `tick := time.Tick(d); for range tick {}` never ends
    return leak


def fires_within_a_second(file: FileModel, call: Node) -> bool:
    """The timer's duration (the first argument) is a constant under a second: `time.Millisecond`,
    `100 * time.Millisecond`, `time.Duration(500) * time.Microsecond`."""
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and \
        arguments.named_child_count else None
    nanoseconds = constant_duration(file, first) if first is not None else None
    return nanoseconds is not None and nanoseconds < 10**9


def constant_duration(file: FileModel, node: Node) -> int | None:
    """The nanoseconds of a constant duration: literals, `time` units, `time.Duration(n)`,
    and their products."""

    def named(operand: Node) -> int | None:
        if operand.type == "selector_expression":
            field = operand.child_by_field_name("field")
            name = text(field) if field is not None else ""
            return _UNITS.get(name) if file.is_qualified(operand, TIME, name) else None
        if operand.type == "call_expression" and \
                text(operand.child_by_field_name("function") or operand) == "time.Duration":
            arguments = operand.child_by_field_name("arguments")
            inner = arguments.named_children[0] if arguments is not None and \
                arguments.named_child_count == 1 else None
            return fold_integer(inner, named, _SCALING) if inner is not None else None
        return None

    return fold_integer(node, named, _SCALING)


def field_only_read(file: FileModel, field: str) -> bool:
    """No file of the package does anything with `.field` but read its channel, compare it or
    assign it: nothing stops it (`.field.Stop()`, `.field.Reset(d)`) or hands it on."""
    pattern = re.compile(rb"\." + re.escape(field.encode()) + rb"\b(?!\s*\.\s*C\b)"
                         rb"(?!\s*(?:=[^=]|!=|==))")

    def compute() -> bool:
        return not any(pattern.search(data) for data in file.package_view.texts())

    return file.package_view.fact(_ONLY_READ.about(field), compute)


def _ends_in_endless_range(file: FileModel, function: Node, channel: str, start: Node,
                           leak: Node) -> bool:
    """Whether a `for range channel` loop (`t.C`, or a variable holding `time.Tick(d)`) with
    no way out lies between ``start`` and ``leak``: a timer's channel is never closed, so the
    path the control-flow graph takes out of that loop does not exist. A `panic` or
    `log.Fatal` in the loop leaves it, but not for the code after it."""
    for loop in descendants(function, frozenset({"for_statement"}), into_functions=False):
        if start.end_byte <= loop.start_byte and loop.start_byte < leak.end_byte and \
                _ranged_over(loop) == channel and \
                all(way_out.type == "expression_statement" for way_out in loop_exits(file, loop)):
            return True
    return False


def _ranged_over(loop: Node) -> str | None:
    for child in loop.named_children:
        if child.type == "range_clause":
            right = child.child_by_field_name("right")
            return text(right) if right is not None else None
    return None


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


_TIME_VALUES = ("Ticker", "Timer")


def ranges_ticks(file: FileModel, clause: Node) -> bool:
    """Whether a `range` clause ranges over a channel of the time package: `time.Tick(d)`, a
    variable holding it, or the `C` of a `*time.Ticker` or `*time.Timer` (a local made by
    `time.NewTicker`, or declared so; a field declared so). The time package closes none of
    its channels, so such a loop ends only by a break or a return, as `for {}` does."""
    right = clause.child_by_field_name("right")
    right = unparen(right) if right is not None else None
    if right is not None and right.type == "identifier":
        definition = file.resolve(right)
        right = initial_value(definition) if definition is not None else None
        right = unparen(right) if right is not None else None
    if right is None:
        return False
    if right.type == "call_expression":
        return file.is_qualified(right.child_by_field_name("function"), "time", "Tick")
    field = right.child_by_field_name("field") if right.type == "selector_expression" else None
    operand = right.child_by_field_name("operand")
    return field is not None and text(field) == "C" and operand is not None and \
        _time_value(file, unparen(operand))


def _time_value(file: FileModel, operand: Node) -> bool:
    """A `*time.Ticker` or `*time.Timer`, as far as the syntax says."""
    kind: Node | None = None
    if operand.type == "identifier":
        definition = file.resolve(operand)
        if definition is None:
            return False
        value = initial_value(definition)
        function = unparen(value).child_by_field_name("function") if value is not None and \
            unparen(value).type == "call_expression" else None
        if function is not None and any(file.is_qualified(function, "time", f"New{name}")
                                        for name in _TIME_VALUES):
            return True
        kind = definition.type_node()
    elif operand.type == "selector_expression":
        owner = file.package_view.type_of(file, operand.child_by_field_name("operand")
                                          or operand)
        name = operand.child_by_field_name("field")
        kind = file.package_view.field_type(owner, text(name)) if name is not None else None
    if kind is not None and kind.type == "pointer_type" and kind.named_child_count:
        kind = kind.named_children[0]
    return kind is not None and any(file.is_qualified(kind, "time", name)
                                    for name in _TIME_VALUES)

