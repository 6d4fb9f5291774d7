"""Channels and mutexes held in struct fields, seen across the package.

`s.results <- v` and `s.mu.Lock()` are field operations: what matters is the struct type and
the field name, wherever in the package the code runs. This module answers "which field of
which type does this expression name", "is that channel made unbuffered", "which mutex
fields are held at this point of a function", and finds the operations on a field in every
file of the package. Types come from the package view; an expression whose type the syntax
does not give is unknown, and callers stay silent on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.concurrency import (
    cannot_give_up,
    is_builtin_call,
    make_chan_capacity,
    select_of,
)
from leakgate.semantics.model import FileModel
from leakgate.semantics.syntax import descendants, text, unparen

SEND, RECEIVE = "send", "receive"


@dataclass(frozen=True)
class Field:
    owner: str  # the struct type
    name: str


@dataclass(frozen=True)
class FieldOp:
    """A send or receive on a channel field."""

    file: FileModel
    node: Node  # the send statement or receive expression
    kind: str  # SEND | RECEIVE
    field: Field
    operand: Node  # the expression holding the field (`s` in `s.results`)
    blocking: bool  # cannot give up (plain, or the only case of its select)


def field_of(ctx: FileModel, expression: Node) -> Field | None:
    """`s.results` → Field("Server", "results") when `s`'s type is known."""
    expression = unparen(expression)
    if expression.type != "selector_expression":
        return None
    operand = expression.child_by_field_name("operand")
    name = expression.child_by_field_name("field")
    if operand is None or name is None:
        return None
    owner = ctx.package_view.type_of(ctx, operand)
    return Field(owner, text(name)) if owner is not None else None


def channel_op(ctx: FileModel, node: Node) -> FieldOp | None:
    """The field operation a send statement or `<-` expression performs, if on a field."""
    if node.type == "send_statement":
        channel, kind = node.child_by_field_name("channel"), SEND
    elif node.type == "unary_expression" and _operator(node) == "<-":
        channel, kind = node.child_by_field_name("operand"), RECEIVE
    else:
        return None
    if channel is None:
        return None
    field = field_of(ctx, channel)
    operand = unparen(channel).child_by_field_name("operand")
    if field is None or operand is None:
        return None
    return FieldOp(ctx, node, kind, field, operand, cannot_give_up(select_of(node)))


def field_ops(ctx: FileModel, field: Field) -> list[FieldOp]:
    """Every send or receive on ``field`` in the package, in (path, position) order."""
    found = []
    for file, ident in ctx.package_view.references(field.name):
        selector = ident.parent
        if selector is None or selector.type != "selector_expression":
            continue
        holder = selector.parent
        while holder is not None and holder.type == "parenthesized_expression":
            holder = holder.parent
        if holder is None:
            continue
        op = channel_op(file, holder)
        if op is not None and op.field == field:
            found.append(op)
    return found


def unbuffered_field(ctx: FileModel, field: Field) -> bool:
    """Every `make` the package assigns to the field (`x.f = make(chan T)`, `T{f: make(...)}`)
    is unbuffered, and there is at least one."""
    makes = 0
    for file, ident in ctx.package_view.references(field.name):
        value = _assigned_value(ident)
        if value is None:
            continue
        is_channel, capacity = make_chan_capacity(file, value)
        if not is_channel:
            continue
        if capacity != 0:
            return False
        makes += 1
    return makes > 0


def mutex_calls(ctx: FileModel, function: Node, name: str) -> list[tuple[Node, Field]]:
    """`x.mu.<name>()` calls in ``function``'s own body (not its closures), with the mutex
    field, in source order."""
    found = []
    for call, operand in ctx.method_calls(name):
        if ctx.enclosing_function(call) != function:
            continue
        field = field_of(ctx, operand)
        arguments = call.child_by_field_name("arguments")
        if field is not None and arguments is not None and arguments.named_child_count == 0:
            found.append((call, field))
    return found


def held_at(ctx: FileModel, function: Node, node: Node) -> list[tuple[Node, Field]]:
    """Mutex fields locked (`Lock()`) before ``node`` in ``function``'s body, in source order,
    and not unlocked in between except by a deferred `Unlock` (held until the return)."""
    unlocks = [(call, field) for call, field in mutex_calls(ctx, function, "Unlock")
               if ctx.inside(call, "defer_statement") is None]
    held = []
    for lock, field in mutex_calls(ctx, function, "Lock"):
        if lock.start_byte >= node.start_byte:
            break
        if not any(f == field and lock.end_byte <= u.start_byte < node.start_byte
                   for u, f in unlocks):
            held.append((lock, field))
    return held


def locked_before(ctx: FileModel, function: Node, node: Node, mutex: Field) -> Node | None:
    """A `Lock()` of ``mutex`` that ``function`` calls before ``node`` (held or not)."""
    for lock, field in mutex_calls(ctx, function, "Lock"):
        if lock.start_byte < node.start_byte and field == mutex:
            return lock
    return None


def takes_lock(ctx: FileModel, function: Node, mutex: Field, before: Node | None,
               depth: int = 0) -> Node | None:
    """A `Lock()` or `RLock()` of ``mutex`` that ``function`` takes before ``before`` (anywhere
    when None): in its own body, or in a same-package function it certainly calls before that
    point, two calls deep. The lock call found, or None."""
    for name in ("Lock", "RLock"):
        for lock, field in mutex_calls(ctx, function, name):
            if field == mutex and (before is None or lock.start_byte < before.start_byte):
                return lock
    body = function.child_by_field_name("body")
    if depth >= 2 or body is None:
        return None
    for call in descendants(body, frozenset({"call_expression"}), into_functions=False):
        if before is not None and call.start_byte >= before.start_byte:
            break
        resolution = ctx.package_view.resolve_call(ctx, call)
        for target in resolution.targets if resolution is not None and resolution.certain \
                else ():
            if target.node.type != "func_literal" and \
                    takes_lock(target.file, target.node, mutex, None, depth + 1) is not None:
                return call
    return None


def passed_lock(op: FieldOp, other: FieldOp, taken: Node, mutex: Field) -> bool:
    """Whether ``other``'s side is past its `Lock()` of ``mutex`` (``taken``) whenever ``op``
    runs, and lets it go before ``other``: ``op`` waits on a field channel (its select case,
    or a receive earlier in its block) that ``other``'s function sends on or closes after
    ``taken`` (kind's spinner: `Stop` locks, sends on `stop`, unlocks, receives `stopped`;
    the loop sends on `stopped` under the lock only after `<-s.stop`)."""
    other_function = other.file.enclosing_function(other.node)
    if other_function is None or any(f == mutex for _, f in held_at(
            other.file, other_function, other.node)):
        return False
    triggers = _triggers(op)
    if not triggers:
        return False
    for node in descendants(other_function, frozenset({"send_statement", "call_expression"}),
                            into_functions=False):
        if not taken.end_byte <= node.start_byte < other.node.start_byte:
            continue
        channel = node.child_by_field_name("channel") if node.type == "send_statement" else \
            _closed(other.file, node)
        field = field_of(other.file, channel) if channel is not None else None
        if field is not None and field in triggers:
            return True
    return False


def _triggers(op: FieldOp) -> set[Field]:
    """The field channels ``op`` waits on before it runs: the receive of the select case it
    is in, or plain receives before it in an enclosing block, climbing through function
    literals called on the spot but not out of a goroutine."""
    found: set[Field] = set()
    node = op.node
    while node.parent is not None and node.type not in ("go_statement", "function_declaration",
                                                        "method_declaration"):
        parent = node.parent
        if node.type == "func_literal" and parent.type != "call_expression":
            break
        if parent.type == "communication_case":
            communication = parent.child_by_field_name("communication")
            for receive in descendants(communication, frozenset({"unary_expression"})) \
                    if communication is not None else ():
                found |= _received_field(op.file, receive)
        elif parent.type in ("block", "statement_list"):
            for sibling in parent.named_children:
                if sibling.start_byte >= node.start_byte:
                    break
                if sibling.type == "expression_statement" and sibling.named_child_count:
                    found |= _received_field(op.file, sibling.named_children[0])
        node = parent
    return found


def _received_field(ctx: FileModel, node: Node) -> set[Field]:
    if node.type != "unary_expression" or _operator(node) != "<-":
        return set()
    operand = node.child_by_field_name("operand")
    field = field_of(ctx, operand) if operand is not None else None
    return {field} if field is not None else set()


def _closed(ctx: FileModel, call: Node) -> Node | None:
    """The channel a call of the builtin `close` closes."""
    arguments = call.child_by_field_name("arguments")
    if not is_builtin_call(ctx, call, "close") or arguments is None or \
            arguments.named_child_count != 1:
        return None
    return arguments.named_children[0]


def _assigned_value(ident: Node) -> Node | None:
    selector = ident.parent
    if selector is None:
        return None
    if selector.type == "selector_expression":  # x.f = make(...)
        target_list = selector.parent
        statement = target_list.parent if target_list is not None else None
        if target_list is None or target_list.type != "expression_list" or statement is None \
                or statement.type != "assignment_statement":
            return None
        left = statement.child_by_field_name("left")
        right = statement.child_by_field_name("right")
        if left is None or right is None or left.named_child_count != right.named_child_count:
            return None
        index = [c.id for c in left.named_children].index(selector.id) \
            if selector.id in [c.id for c in left.named_children] else -1
        return right.named_children[index] if index >= 0 else None
    if selector.type == "literal_element":  # T{f: make(...)}
        keyed = selector.parent
        if keyed is not None and keyed.type == "keyed_element" and \
                keyed.named_child_count == 2 and keyed.named_children[0].id == selector.id:
            value = keyed.named_children[1]
            return value.named_children[0] if value.type == "literal_element" and \
                value.named_child_count else value
    return None


def _operator(node: Node) -> str:
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else ""


