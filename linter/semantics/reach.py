"""Which context the code at a point could pass on, and whether a request there is bounded.

A request built or sent without a context is a defect two ways: a context is at hand and is
not passed (the caller's deadline and trace are lost), or none is anywhere in reach and nothing
else bounds the request (a client with no timeout hangs as long as the peer does). When neither
holds, the request is bounded by its client and there is nothing to propagate: the fix would
change a context-free API for no gain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.facts import Summary
from leakgate.semantics.module import callers_anywhere
from leakgate.semantics.package import base_type_name
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import text, unparen
from leakgate.semantics.types import context_parameters, initial_value

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

_CALLERS_HOLD_CONTEXT: Summary[bool] = Summary("some caller has a context in reach")
_CALLER_DEPTH = 3
_CONTEXT_MAKERS = frozenset({"Background", "TODO", "WithCancel", "WithTimeout", "WithDeadline",
                             "WithValue", "WithoutCancel", "WithCancelCause",
                             "WithTimeoutCause", "WithDeadlineCause"})


def context_in_reach(file: FileModel, node: Node, depth: int = 0) -> bool:
    """Whether the code at ``node`` holds a context it could pass: a `context.Context` or
    `*http.Request` parameter, a local made by the `context` package, by a `.Context()`
    method or declared `context.Context`, or a method's receiver that has a
    `context.Context` field or is made where a context is in reach; in its function or any
    function around it, or, for code of a named function, in one of its production callers in
    the module (three calls up), where a parameter would bring it down."""
    function = file.enclosing_function(node)
    outermost = function
    while function is not None:
        if context_parameters(file, function) or _local_context(file, function) or \
                _receiver_holds_context(file, function, depth):
            return True
        outermost = function
        function = file.enclosing_function(function)
    if outermost is None or depth >= _CALLER_DEPTH:
        return False
    view = file.package_view
    ref = view.function_at(file, outermost)
    if ref is None:
        return False

    def compute() -> bool:
        return any(not caller_file.is_test and context_in_reach(caller_file, call, depth + 1)
                   for caller_file, call in callers_anywhere(ref))

    return bool(view.summary(_CALLERS_HOLD_CONTEXT.at(depth), ref, compute))


def _local_context(file: FileModel, function: Node) -> bool:
    for definition in file.scopes(function).definitions:
        if definition.function != function or definition.kind == "param":
            continue
        type_node = definition.type_node()
        if type_node is not None:
            if file.is_qualified(type_node, "context", "Context"):
                return True
            continue
        value = _value_of(definition)
        qualified = file.package_call(value) if value is not None and \
            value.type == "call_expression" else None
        if qualified is not None and qualified[0] == "context" and \
                qualified[1] in _CONTEXT_MAKERS and not definition.name.startswith("cancel"):
            if qualified[1] in ("Background", "TODO") or _first_result(definition):
                return True
        if value is not None and _context_method_call(value):
            return True  # `ctx := r.Context()`, `ctx := g.Context()`
    return False


def _value_of(definition: Definition) -> Node | None:
    """The value a local starts with, a multi-valued call's for each of its names."""
    value = initial_value(definition)
    if value is not None:
        return unparen(value)
    statement = definition.statement
    right = statement.child_by_field_name("right") if statement.type == \
        "short_var_declaration" else None
    values = right.named_children if right is not None and right.type == "expression_list" \
        else [right] if right is not None else []
    return unparen(values[0]) if len(values) == 1 else None


def _context_method_call(value: Node) -> bool:
    function = value.child_by_field_name("function") if value.type == "call_expression" \
        else None
    field = function.child_by_field_name("field") if function is not None and \
        function.type == "selector_expression" else None
    return field is not None and text(field) == "Context"


def _first_result(definition: Definition) -> bool:
    """`ctx, cancel := context.WithTimeout(...)`: ``definition`` is the context, not the
    cancel function."""
    left = definition.statement.child_by_field_name("left")
    names = left.named_children if left is not None else []
    return bool(names) and names[0].start_byte == definition.node.start_byte


def _receiver_holds_context(file: FileModel, function: Node, depth: int) -> bool:
    """The method's receiver has a `context.Context` field, or is made (`&T{...}`) where a
    context is in reach (`Create(ctx)` returning an upload): it could keep that context."""
    if function.type != "method_declaration":
        return False
    receiver = function.child_by_field_name("receiver")
    declaration = receiver.named_children[0] if receiver is not None and \
        receiver.named_child_count else None
    type_name = base_type_name(declaration.child_by_field_name("type")) \
        if declaration is not None else None
    if type_name is None:
        return False
    view = file.package_view
    fields = view.struct_fields_of(type_name)
    if any(text(kind).replace(" ", "") == "context.Context" for kind in (fields or {}).values()):
        return True
    return depth < _CALLER_DEPTH and any(
        not maker.is_test and context_in_reach(maker, literal, depth + 1)
        for maker, literal in view.literals_of(type_name))
