"""Types without a type checker, for one file: what a local is declared or initialised as, and
which parameters carry a caller's context. Each answer is read from the syntax; where the syntax
does not say, the answer is no."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import holding, node_key, text

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel


def local_has_type(file: FileModel, definition: Definition, path: str, name: str) -> bool:
    """Whether a local is declared as `path.name` / `*path.name`, or initialised from a
    `path.name{...}` literal, `&path.name{...}`, `new(path.name)` or `path.Default<name>`."""
    type_node = definition.type_node()
    if type_node is not None:
        while type_node.type in ("pointer_type", "parenthesized_type"):
            inner = type_node.named_children[-1] if type_node.named_child_count else None
            if inner is None:
                break
            type_node = inner
        return file.is_qualified(type_node, path, name)
    value = initial_value(definition)
    while value is not None and value.type in ("unary_expression", "parenthesized_expression"):
        value = value.named_children[-1] if value.named_child_count else None
    if value is None:
        return False
    if value.type == "composite_literal":
        return file.is_qualified(value.child_by_field_name("type"), path, name)
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        arguments = value.child_by_field_name("arguments")
        if function is not None and text(function) == "new" and arguments is not None \
                and arguments.named_child_count == 1:
            return file.is_qualified(arguments.named_children[0], path, name)
        return False
    return file.is_qualified(value, path, f"Default{name}")


def initial_value(definition: Definition) -> Node | None:
    """The expression a `:=`, `var x = ...` or `const c = ...` definition is initialised
    with, if any."""
    statement = definition.statement
    if statement.type == "short_var_declaration":
        left = statement.child_by_field_name("left")
        right = statement.child_by_field_name("right")
    elif statement.type in ("var_spec", "const_spec"):
        left, right = None, statement.child_by_field_name("value")
    else:
        return None
    if right is None:
        return None
    names = left.named_children if left is not None else \
        statement.children_by_field_name("name")
    values = right.named_children if right.type == "expression_list" else [right]
    if len(names) != len(values):
        return None
    for ident, value in zip(names, values, strict=True):
        if node_key(ident) == node_key(definition.node):
            return value
    return None


def context_parameters(file: FileModel, function: Node) -> list[tuple[Definition, bool]]:
    """Named parameters of ``function`` that carry a caller's context:
    (definition, is_request) for `context.Context` and `*http.Request` parameters."""
    found = []
    for definition in file.scopes(function).definitions:
        if definition.kind != "param" or definition.function != function:
            continue
        type_node = definition.type_node()
        if type_node is None:
            continue
        if file.is_qualified(type_node, "context", "Context"):
            found.append((definition, False))
        elif type_node.type == "pointer_type" and type_node.named_child_count and \
                file.is_qualified(type_node.named_children[-1], "net/http", "Request"):
            found.append((definition, True))
    return found


def context_carriers(file: FileModel, function: Node,
                     parameters: list[Definition]) -> list[Definition]:
    """The context ``parameters`` of ``function`` and every local initialised from one of
    them, transitively (`ctx, cancel := context.WithTimeout(ctx, d)` carries `ctx`)."""
    carriers = list(parameters)
    scopes = file.scopes(function)
    for definition in scopes.definitions:
        if definition.function != function or definition in carriers:
            continue
        statement = definition.statement
        value = statement.child_by_field_name("right") or statement.child_by_field_name("value")
        if value is None or statement.type not in ("short_var_declaration", "var_spec"):
            continue
        for carrier in carriers:
            if holding(use.start_byte for use in scopes.uses(carrier))(value):
                carriers.append(definition)
                break
    return carriers


def is_error_value(file: FileModel, node: Node) -> bool | None:
    """Whether ``node`` holds an `error`: True when the syntax says so (declared `error`, the
    last of several results of a call, a same-package function declared to return `error`,
    `errors.New`/`fmt.Errorf`), False when it says otherwise (declared another type, the
    result of a same-package function declared to return another type), None when only a
    type checker could tell."""
    if node.type != "identifier":
        return None
    definition = file.resolve(node)
    if definition is None:
        return None
    declared = definition.type_node()
    if declared is not None:
        return text(declared) == "error"
    statement = definition.statement
    if statement.type != "short_var_declaration":
        return None
    left = statement.child_by_field_name("left")
    right = statement.child_by_field_name("right")
    names = left.named_children if left is not None else []
    values = right.named_children if right is not None else []
    if len(values) != 1 or values[0].type != "call_expression" or \
            not any(node_key(name) == node_key(definition.node) for name in names):
        return None
    call = values[0]
    if len(names) > 1:
        return True if node_key(names[-1]) == node_key(definition.node) else None
    qualified = file.package_call(call)
    if qualified is not None:
        return True if qualified in _ERROR_MAKERS else None
    resolution = file.package_view.resolve_call(file, call)
    if resolution is None or not resolution.certain or len(resolution.targets) != 1:
        return None
    result = resolution.targets[0].node.child_by_field_name("result")
    return None if result is None else text(result) == "error"


_ERROR_MAKERS = frozenset({("errors", "New"), ("errors", "Join"), ("fmt", "Errorf")})
