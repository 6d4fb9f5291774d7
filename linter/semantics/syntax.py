"""Small, iterative helpers over tree-sitter-go nodes (no recursion on tree depth)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator

from tree_sitter import Node

FUNCTION_TYPES = frozenset({"function_declaration", "method_declaration", "func_literal"})


def descendants(node: Node, types: frozenset[str] | set[str] | None = None,
                into_functions: bool = True) -> Iterator[Node]:
    """Pre-order (source-order) descendants of ``node``, optionally filtered by type.

    With ``into_functions=False`` nested function literals are yielded but not entered.
    """
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        if types is None or current.type in types:
            yield current
        if not into_functions and current.type == "func_literal":
            continue
        children = current.children
        if children:
            stack.extend(reversed(children))


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def enclosing_function(node: Node) -> Node | None:
    """The innermost function declaration, method or literal around ``node``."""
    for parent in ancestors(node):
        if parent.type in FUNCTION_TYPES:
            return parent
    return None


def unparen(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        child = node.named_children[0]
        node = child
    return node


def selected_field(use: Node) -> tuple[str, Node] | None:
    """For ``use`` the operand of `use.Field`: ("Field", the selector expression)."""
    parent = use.parent
    if parent is None or parent.type != "selector_expression" or \
            parent.child_by_field_name("operand") != use:
        return None
    field = parent.child_by_field_name("field")
    return (text(field), parent) if field is not None else None


def call_callee(call: Node) -> tuple[Node | None, str]:
    """(receiver or package operand, name) of a call.

    ``a.b.F()`` → (a.b, "F"); ``F()`` → (None, "F").
    """
    function = call.child_by_field_name("function")
    if function is None:
        return None, ""
    function = unparen(function)
    if function.type == "identifier":
        return None, _text(function)
    if function.type == "selector_expression":
        field = function.child_by_field_name("field")
        return function.child_by_field_name("operand"), _text(field) if field else ""
    return None, ""


def expression_list_items(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type == "expression_list":
        return list(node.named_children)
    return [node]


def _text(node: Node) -> str:
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


text = _text


def node_key(node: Node) -> tuple[int, int, int]:
    """A stable identity for a node within one tree (Node objects are recreated on access)."""
    return (node.start_byte, node.end_byte, node.kind_id)


def assignment_of(call: Node) -> tuple[Node, list[Node]] | None:
    """When ``call`` is the whole right-hand side of `:=`, `=` or `var ... =`, the statement
    (or var spec) and its left-hand side nodes: `ctx, cancel := f()` → (stmt, [ctx, cancel])."""
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        call, parent = parent, parent.parent
    if parent is None or parent.type != "expression_list" or parent.named_child_count != 1:
        return None
    holder = parent.parent
    if holder is None:
        return None
    if holder.type in ("short_var_declaration", "assignment_statement"):
        if holder.child_by_field_name("right") != parent:
            return None
        operator = holder.child_by_field_name("operator")
        if operator is not None and operator.type not in ("=", ":="):
            return None
        return holder, expression_list_items(holder.child_by_field_name("left"))
    if holder.type == "var_spec" and holder.child_by_field_name("value") == parent:
        return holder, list(holder.children_by_field_name("name"))
    return None


def is_assignment_target(node: Node) -> bool:
    """``node`` is (one of) the left side of an `=` assignment: `req.Cancel = ctx.Done()`,
    `req, _ = http.NewRequest(...)`."""
    holder = node.parent
    if holder is not None and holder.type == "expression_list":
        holder = holder.parent
    left = holder.child_by_field_name("left") if holder is not None and \
        holder.type == "assignment_statement" else None
    return left is not None and left.start_byte <= node.start_byte < left.end_byte


def directly_returned(node: Node) -> bool:
    """Whether ``node`` is (one of) the value(s) of a return statement: `return f()`,
    `return (f()), nil`."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "expression_list"):
        parent = parent.parent
    return parent is not None and parent.type == "return_statement"


_CLAUSE_HEADER_FIELDS = ("value", "type", "communication")


def statements_of(node: Node | None) -> list[Node]:
    """The statements of a block or of a case clause, in order, without comments or the
    clause's header (its values, types or communication)."""
    if node is None:
        return []
    header = {node_key(c) for f in _CLAUSE_HEADER_FIELDS for c in node.children_by_field_name(f)}
    statements: list[Node] = []
    for child in node.named_children:
        if child.type == "comment" or node_key(child) in header:
            continue
        if child.type == "statement_list":
            statements.extend(c for c in child.named_children if c.type != "comment")
        else:
            statements.append(child)
    return statements


def line_of(node: Node) -> int:
    """1-based line of a node's start, as messages show it."""
    return int(node.start_point[0]) + 1


def holding(positions: Iterable[int]) -> Callable[[Node], bool]:
    """A test of whether a node's byte range holds any of ``positions`` (a statement that
    uses a variable, given the variable's use positions)."""
    ordered = sorted(positions)

    def holds(node: Node) -> bool:
        index = bisect.bisect_left(ordered, node.start_byte)
        return index < len(ordered) and ordered[index] < node.end_byte

    return holds
