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
from leakgate.semantics.package import FunctionRef, base_type_name
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import text, unparen
from leakgate.semantics.types import context_parameters, initial_value

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

_CALLERS_HOLD_CONTEXT: Summary[bool] = Summary("some caller has a context in reach")
# Standard packages none of whose package-level functions returns a context.
_NO_CONTEXT_PACKAGES = frozenset({"net/http", "net/url", "net/http/httptest", "io", "bytes",
                                  "strings", "strconv", "fmt", "errors", "time", "os",
                                  "encoding/json", "encoding/xml", "path", "path/filepath"})
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
    the module (three calls up), where a parameter would bring it down. Not across a `go`
    statement: work started with `go` outlives the function that starts it, whose context
    ends with it (`go federatePost(...)` from a handler)."""
    function = file.enclosing_function(node)
    outermost = function
    while function is not None:
        if context_parameters(file, function) or _local_context(file, function) or \
                _receiver_holds_context(file, function, depth):
            return True
        if _started_with_go(function):
            return False
        outermost = function
        function = file.enclosing_function(function)
    if outermost is None or depth >= _CALLER_DEPTH:
        return False
    view = file.package_view
    ref = view.function_at(file, outermost)
    if ref is None:
        return False

    def compute() -> bool:
        return any(not caller_file.is_test and not _started_with_go(call) and
                   context_in_reach(caller_file, call, depth + 1)
                   for caller_file, call in callers_anywhere(ref))

    return bool(view.summary(_CALLERS_HOLD_CONTEXT.at(depth), ref, compute))


def _started_with_go(node: Node) -> bool:
    """`go f(...)`, or the literal of `go func() {...}()`."""
    parent = node.parent
    if node.type == "func_literal" and parent is not None and parent.type == "call_expression":
        node, parent = parent, parent.parent
    return node.type == "call_expression" and parent is not None and \
        parent.type == "go_statement"


def _local_context(file: FileModel, function: Node) -> bool:
    return any(definition.function == function and definition.kind != "param" and
               holds_context(file, definition) is True
               for definition in file.scopes(function).definitions)


def holds_context(file: FileModel, definition: Definition, depth: int = 0) -> bool | None:
    """Whether a parameter or local holds a `context.Context`: declared so, or made by the
    `context` package (the first result of `WithTimeout`, not its cancel), by a `.Context()`
    call, or by a package function declared to return one, or copied from a local that does.
    False when its declared type or its value says otherwise; None when nothing says."""
    type_node = definition.type_node()
    if type_node is not None:
        return file.is_qualified(type_node, "context", "Context")
    if definition.kind == "param":
        return False
    value = _value_of(definition)
    if value is None:
        return None
    if value.type != "call_expression":
        if value.type == "identifier" and depth < 3:
            source = file.resolve(value)
            return holds_context(file, source, depth + 1) if source is not None else None
        return False if value.type in ("composite_literal", "interpreted_string_literal",
                                       "raw_string_literal", "int_literal", "func_literal") \
            else None
    qualified = file.package_call(value)
    if qualified is not None and qualified[0] == "context":
        return qualified[1] in _CONTEXT_MAKERS and (
            qualified[1] in ("Background", "TODO") or _first_result(definition))
    if qualified is not None and qualified[0] in _NO_CONTEXT_PACKAGES:
        return False  # `req, err := http.NewRequest(...)`: no function there returns one
    if _context_method_call(value):
        return True  # `ctx := r.Context()`, `ctx := g.Context()`
    targets: list[FunctionRef] = []
    if qualified is None:
        resolution = file.package_view.resolve_call(file, value)
        if resolution is not None and resolution.certain:
            targets = list(resolution.targets)
    else:
        module = file.package_view.module
        other = module.package(qualified[0]) if module is not None and \
            module.own(qualified[0]) else None
        targets = [r for r in other.functions_named(qualified[1]) if r.receiver is None] \
            if other is not None else []
    if len(targets) != 1:
        return None
    result = targets[0].node.child_by_field_name("result")
    if result is not None and result.type == "parameter_list":
        first = result.named_children[0] if result.named_child_count else None
        result = first.child_by_field_name("type") if first is not None else None
    return result is not None and _first_result(definition) and \
        targets[0].file.is_qualified(result, "context", "Context")


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
