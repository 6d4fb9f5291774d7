"""Does a local value leave its function?

A value escapes when one of its uses hands the value itself (not a field of it, not the result
of calling it) to somewhere the function cannot see: it is returned, passed as an argument,
stored in a field, map, slice, composite literal, global or outer variable, sent on a channel,
assigned to another variable, or captured by a function literal. Rules that cannot prove what
happens there assume the value is handled.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.scope import Definition, FunctionScopes
from leakgate.semantics.syntax import FUNCTION_TYPES, ancestors, unparen

_TRANSPARENT = frozenset({"parenthesized_expression"})


@dataclass(frozen=True)
class Escape:
    use: Node
    how: str  # returned | argument | stored | sent | assigned | captured


def escape_of_use(use: Node, definition: Definition, captures: bool = True,
                  function: Node | None = None) -> str | None:
    """How this one use lets the value escape, or None when it does not.

    With ``captures=False`` a use inside a closure is judged by its position alone, for rules
    that analyse the closures of the function themselves. ``function``, the innermost function
    around the use, spares a climb up the tree when the caller knows it.
    """
    if captures:
        if function is None:
            function = next((p for p in ancestors(use) if p.type in FUNCTION_TYPES), None)
        if function is not None and function != definition.function:
            return "captured"
    child = use
    parent = use.parent
    while parent is not None and (
            parent.type in _TRANSPARENT
            or (parent.type == "unary_expression" and _operator(parent) in ("&", "*"))):
        child, parent = parent, parent.parent
    if parent is None:
        return None
    kind = parent.type
    if kind == "selector_expression":
        return None  # x.f, x.Method(): a field or method of the value, not the value
    if kind == "call_expression":
        return None if parent.child_by_field_name("function") == child else "argument"
    if kind == "argument_list":
        return "argument"
    if kind in ("literal_element", "keyed_element", "literal_value"):
        return "stored"
    if kind == "send_statement":
        return "sent" if parent.child_by_field_name("value") == child else None
    if kind == "expression_list":
        holder = parent.parent
        if holder is None:
            return None
        if holder.type == "return_statement":
            return "returned"
        if holder.type in ("assignment_statement", "short_var_declaration", "var_spec"):
            if holder.child_by_field_name("right") == parent or \
                    holder.child_by_field_name("value") == parent:
                return _assignment(holder.child_by_field_name("left"), parent, child)
        return None
    if kind == "return_statement":
        return "returned"
    if kind in ("assignment_statement", "short_var_declaration", "var_spec"):
        if parent.child_by_field_name("right") == child or \
                parent.child_by_field_name("value") == child:
            return "assigned"
    return None


def escapes(definition: Definition, scopes: FunctionScopes) -> Escape | None:
    """The first use through which the value leaves the function, if any."""
    for use in scopes.uses(definition):
        how = escape_of_use(use, definition, function=scopes.function_of(use))
        if how is not None:
            return Escape(use, how)
    return None


def _assignment(targets: Node | None, values: Node, value: Node) -> str:
    """`s.f = x`, `m[k] = x` and `*p = x` store the value; `y = x` and `y := x` assign it."""
    if targets is None or targets.named_child_count != values.named_child_count:
        return "assigned"
    target = unparen(targets.named_children[values.named_children.index(value)])
    if target.type in ("selector_expression", "index_expression") or (
            target.type == "unary_expression" and _operator(target) == "*"):
        return "stored"
    return "assigned"


def _operator(node: Node) -> str:
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else ""
