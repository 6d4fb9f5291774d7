"""Loops: whether a `for` is endless, and the statements in its body that leave it."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from leakgate.semantics.model import FileModel
from leakgate.semantics.syntax import ancestors, descendants, text

_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement",
                        "select_statement"})
_LEAVING = frozenset({"return_statement", "break_statement", "continue_statement",
                      "goto_statement", "expression_statement"})


def loop_condition(loop: Node) -> tuple[bool, Node | None]:
    """(is endless, condition): `for {}` and `for ;; {}` are endless; `for x {}` has a
    condition; a range loop or a three-clause loop with an update is neither."""
    body = loop.child_by_field_name("body")
    for child in loop.named_children:
        if child == body or child.type == "comment":
            continue
        if child.type == "range_clause":
            return False, None
        if child.type == "for_clause":
            if child.child_by_field_name("initializer") is not None or \
                    child.child_by_field_name("update") is not None:
                return False, None
            condition = child.child_by_field_name("condition")
            return condition is None, condition
        return False, child
    return True, None


def endless_loop(function: Node) -> Node | None:
    """The first endless loop (`for {}`) in ``function``'s own body, outside its closures."""
    body = function.child_by_field_name("body")
    if body is None:
        return None
    for loop in descendants(body, frozenset({"for_statement"}), into_functions=False):
        if loop_condition(loop)[0]:
            return loop
    return None


def in_loop(node: Node, stop: Node) -> bool:
    """Whether a `for` statement lies between ``node`` and ``stop`` (its function, its
    goroutine): the code may run again after what follows it in the source."""
    for parent in ancestors(node):
        if parent == stop:
            return False
        if parent.type == "for_statement":
            return True
    return False


def loop_label(loop: Node) -> str | None:
    parent = loop.parent
    if parent is not None and parent.type == "labeled_statement":
        label = parent.child_by_field_name("label")
        return text(label) if label is not None else None
    return None


def _label_of(statement: Node) -> str | None:
    for child in statement.named_children:
        if child.type == "label_name":
            return text(child)
    return None


def inner_labels(loop: Node) -> set[str]:
    body = loop.child_by_field_name("body")
    if body is None:
        return set()
    labels = set()
    for labeled in descendants(body, frozenset({"labeled_statement"}), into_functions=False):
        label = labeled.child_by_field_name("label")
        if label is not None:
            labels.add(text(label))
    return labels


def loop_exits(ctx: FileModel, loop: Node) -> list[Node]:
    """Statements in ``loop`` that leave it: returns, breaks that target it or an outer
    statement, continues of an outer loop, gotos out, and calls that never return.

    A `break` inside a select or switch in the loop only leaves that statement."""
    body = loop.child_by_field_name("body")
    if body is None:
        return []
    own_label = loop_label(loop)
    nested = inner_labels(loop)
    found = []
    for statement in descendants(body, _LEAVING, into_functions=False):
        kind = statement.type
        if kind == "return_statement":
            found.append(statement)
        elif kind == "expression_statement":
            call = statement.named_children[0] if statement.named_child_count else None
            if call is not None and call.type == "call_expression" and ctx.never_returns(call):
                found.append(statement)
        elif kind == "goto_statement":
            if _label_of(statement) not in nested:
                found.append(statement)
        else:
            label = _label_of(statement)
            if label is not None:
                if label == own_label and kind == "break_statement":
                    found.append(statement)
                elif label != own_label and label not in nested:
                    found.append(statement)  # leaves for an outer statement
            elif kind == "break_statement":
                for holder in ancestors(statement):
                    if holder.type in _BREAKABLE:
                        if holder == loop:
                            found.append(statement)
                        break
    return found


def breaks_leaving_only_inner(loop: Node) -> list[Node]:
    """Unlabelled `break`s in ``loop`` that leave a select or switch, not the loop."""
    body = loop.child_by_field_name("body")
    if body is None:
        return []
    found = []
    for statement in descendants(body, frozenset({"break_statement"}), into_functions=False):
        if _label_of(statement) is not None:
            continue
        for holder in ancestors(statement):
            if holder.type in _BREAKABLE:
                if holder != loop:
                    found.append(statement)
                break
    return found


def counted_returns(function: Node, holds: Callable[[Node], bool]) -> set[int]:
    """Returns reached only once every receive case of a loop's select has fired: `for {
    select { case <-a: done++; case <-b: done++ }; if done == 2 { return } }` with one case
    receiving this channel. Each counted case fires once per send, so the count reaches the
    number of cases only after this channel's value was taken."""
    found: set[int] = set()
    for statement in descendants(function, frozenset({"return_statement"}),
                                 into_functions=False):
        guard = _nearest(statement, "if_statement", 3)
        condition = guard.child_by_field_name("condition") if guard is not None else None
        match = re.fullmatch(r"\s*(\w+)\s*(==|>=)\s*(\d+)\s*", text(condition)) \
            if condition is not None else None
        loop = _nearest(guard, "for_statement", 3) if guard is not None else None
        if match is None or loop is None:
            continue
        counter, target = match.group(1), int(match.group(3))
        cases = [case for select in descendants(loop, frozenset({"select_statement"}),
                                                into_functions=False)
                 for case in select.named_children if case.type == "communication_case" and
                 re.search(rf"\b{re.escape(counter)}\s*(\+\+|\+=\s*1\b)", text(case))]
        if cases and len(cases) == target and any(holds(case) for case in cases):
            found.add(statement.start_byte)
    return found


def _nearest(node: Node, kind: str, levels: int) -> Node | None:
    """The closest ancestor of ``kind`` within a few levels (blocks and statement lists)."""
    current = node.parent
    for _ in range(levels):
        if current is None or current.type == kind:
            return current
        current = current.parent
    return current if current is not None and current.type == kind else None


def early_return(function: Node, receives: list[Node], drains: list[Node],
                 starts: list[Node]) -> Node | None:
    """A `return` in the body of a loop of ``function`` that receives (``receives``: the
    channel's receive operations in its own body), on a path not guarded by a count (`if
    got == n`, `if done >= len(jobs)`): it leaves the loop while senders may still be due
    (the first error of a fan-in, a cancellation between two results). Not one after a drain
    (``drains``: `for range ch {}` before it), nor in a loop that starts the senders
    (``starts``) itself, one per pass, receiving each before the next."""
    for loop in descendants(function, frozenset({"for_statement"}), into_functions=False):
        body = loop.child_by_field_name("body")
        if body is None or not any(body.start_byte <= r.start_byte < body.end_byte
                                   for r in receives) or \
                all(loop.start_byte <= s.start_byte < loop.end_byte for s in starts):
            continue
        for statement in descendants(body, frozenset({"return_statement"}),
                                     into_functions=False):
            if not _counted(statement, body) and not any(
                    body.start_byte <= d.start_byte < statement.start_byte for d in drains):
                return statement
    return None


def _counted(statement: Node, body: Node) -> bool:
    """``statement`` is guarded by a count the loop ``body`` keeps: `if got == n` or `if got
    >= len(jobs)` with `got++` (or `got += 1`) in the body. `if err == nil` is no count."""
    guard = _nearest(statement, "if_statement", 3)
    condition = guard.child_by_field_name("condition") if guard is not None else None
    match = re.fullmatch(r"\s*(\w+)\s*(==|>=)\s*[\w.()]+\s*", text(condition)) \
        if condition is not None else None
    return match is not None and re.search(
        rf"\b{re.escape(match.group(1))}\s*(\+\+|\+=\s*1\b)", text(body)) is not None
