"""Types without a type checker, for one file: what a local is declared or initialised as, and
which parameters carry a caller's context. Each answer is read from the syntax; where the syntax
does not say, the answer is no."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import ancestors, holding, node_key, text, unparen

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
    result a same-package function declares `error` at that position, the last of several
    results of another package's call, `errors.New`/`fmt.Errorf`), False when it says
    otherwise (declared, or declared by the callee, as another type; a field of another
    type; a literal, `&T{}`, `new(T)`, a map or slice element), None when only a type checker
    could tell."""
    if node.type == "selector_expression":
        operand = node.child_by_field_name("operand")
        field = node.child_by_field_name("field")
        if operand is None or field is None:
            return None
        view = file.package_view
        declared_field = view.field_type(view.type_of(file, operand), text(field))
        return None if declared_field is None else text(declared_field) == "error"
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
    index = next((i for i, name in enumerate(names)
                  if node_key(name) == node_key(definition.node)), None)
    if index is None or not values:
        return None
    value = values[index] if len(values) == len(names) else values[0]
    while value.type == "parenthesized_expression" and value.named_child_count:
        value = value.named_children[0]
    if value.type == "index_expression":
        return _element_is_error(file, value) if index == 0 else False  # `v, ok := m[k]`
    if value.type in ("identifier", "selector_expression"):
        return is_error_value(file, value)
    if value.type != "call_expression":
        return False  # `x := &T{}`, `n := 1`, `s := "x"`: a literal is no error
    return _call_result_is_error(file, value, index, len(names))


def _element_is_error(file: FileModel, index: Node) -> bool | None:
    """Whether `m[k]` / `s[i]` is an `error`, from the declared map or slice type."""
    operand = index.child_by_field_name("operand")
    element = element_type(file, operand) if operand is not None else None
    return None if element is None else text(element) == "error"


def declared_type(file: FileModel, expression: Node) -> Node | None:
    """The type a local or a struct field of the package is declared with (`var m
    map[string]*conn`, `s.cache` of `cache map[string]*conn`), if the syntax says."""
    expression = unparen(expression)
    if expression.type == "identifier":
        definition = file.resolve(expression)
        return definition.type_node() if definition is not None else None
    if expression.type == "selector_expression":
        owner = expression.child_by_field_name("operand")
        field = expression.child_by_field_name("field")
        if owner is not None and field is not None:
            view = file.package_view
            return view.field_type(view.type_of(file, owner), text(field))
    return None


def element_type(file: FileModel, collection: Node) -> Node | None:
    """The element type of a slice or array, or the value type of a map, that a local or
    field is declared as."""
    declared = declared_type(file, collection)
    if declared is None:
        return None
    if declared.type in ("slice_type", "array_type"):
        return declared.child_by_field_name("element")
    if declared.type == "map_type":
        return declared.child_by_field_name("value")
    return None


def _call_result_is_error(file: FileModel, call: Node, index: int,
                          count: int) -> bool | None:
    """Whether result ``index`` (of ``count`` taken) of ``call`` is an `error`."""
    qualified = file.package_call(call)
    if qualified is not None:
        if qualified in _ERROR_MAKERS:
            return True
        return True if count > 1 and index == count - 1 else None  # Go's convention
    function = call.child_by_field_name("function")
    if function is not None and function.type == "identifier" and text(function) == "new":
        return False
    resolution = file.package_view.resolve_call(file, call)
    if resolution is None or not resolution.certain or len(resolution.targets) != 1:
        return True if count > 1 and index == count - 1 else None
    result = resolution.targets[0].node.child_by_field_name("result")
    if result is None:
        return None
    types = [result] if result.type != "parameter_list" else [
        declaration.child_by_field_name("type") for declaration in result.named_children
        if declaration.type == "parameter_declaration"
        for _ in range(max(1, len(declaration.children_by_field_name("name"))))]
    kind = types[index] if index < len(types) else None
    return None if kind is None else text(kind) == "error"


_ERROR_MAKERS = frozenset({("errors", "New"), ("errors", "Join"), ("fmt", "Errorf")})


def has_parameter_of(file: FileModel, function: Node, path: str,
                     names: tuple[str, ...]) -> bool:
    """Whether ``function`` takes a parameter of type `path.name` or `*path.name` for one of
    ``names`` (`*testing.T`, `http.ResponseWriter`, `*cli.Context`)."""
    parameters = function.child_by_field_name("parameters")
    for declaration in parameters.named_children if parameters is not None else []:
        type_node = declaration.child_by_field_name("type")
        while type_node is not None and type_node.type == "pointer_type":
            type_node = type_node.named_children[-1] if type_node.named_child_count else None
        if any(file.is_qualified(type_node, path, name) for name in names):
            return True
    return False


_FAILURES = frozenset({"New", "Errorf", "Wrap", "Wrapf", "WithStack", "WithMessage", "Join",
                       "Cause", "Err"})


def returns_failure(file: FileModel, node: Node) -> bool:
    """Whether ``node`` is a `return` whose last value is an error that cannot be nil:
    `ctx.Err()` (on the paths that return it, the context is over), `context.Cause(ctx)`,
    `errors.New`/`fmt.Errorf`/`errors.Wrap` and their kin, or an error variable the return is
    guarded by (`if err != nil { return err }`)."""
    if node.type != "return_statement":
        return False
    values = node.named_children[-1].named_children if node.named_children and \
        node.named_children[-1].type == "expression_list" else node.named_children
    if not values:
        return False
    last = values[-1]
    if last.type == "call_expression":
        function = last.child_by_field_name("function")
        name = function.child_by_field_name("field") if function is not None and \
            function.type == "selector_expression" else function
        return name is not None and text(name) in _FAILURES
    if last.type != "identifier" or is_error_value(file, last) is False:
        return False
    for parent in ancestors(node):
        if parent.type in ("func_literal", "function_declaration", "method_declaration"):
            return False
        condition = parent.child_by_field_name("condition") if parent.type == "if_statement" \
            else None
        if condition is not None and text(condition).replace(" ", "") == f"{text(last)}!=nil":
            consequence = parent.child_by_field_name("consequence")
            return consequence is not None and consequence.start_byte <= node.start_byte < \
                consequence.end_byte
    return False
