"""What string an expression holds, without running anything: literals, constants, package
variables no production code assigns again, and the arguments every caller passes to a
parameter. A listen address held in a constant, or handed to
`debugServer(addr string)` only as `debugAddr`, is as local as one written in the call.

Unknown is an answer (None): a variable assigned at run time, an exported function whose
callers live elsewhere, a function used as a value, a parameter assigned in its function.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.semantics.model import FileModel
from leakgate.semantics.package import STRING_LITERALS, FunctionRef, PackageView
from leakgate.semantics.syntax import is_assignment_target, text, unparen
from leakgate.semantics.types import initial_value

_CALLER_DEPTH = 3  # callers followed up from a parameter


def string_values(file: FileModel, node: Node, depth: int = 0) -> frozenset[str] | None:
    """The string literals (as written, quotes included) ``node`` can hold, or None when
    they are not all known."""
    node = unparen(node)
    if node.type in STRING_LITERALS:
        return frozenset({text(node)})
    if node.type == "selector_expression":
        return _field_default(file, node, depth)
    if node.type != "identifier":
        return None
    definition = file.resolve(node)
    if definition is None:
        view = file.package_view
        value = view.string_constant(text(node)) or view.string_variable(text(node))
        return frozenset({value}) if value is not None else None
    if definition.kind == "const":
        initial = initial_value(definition)
        return string_values(file, initial, depth) if initial is not None else None
    if definition.kind != "param" or depth >= _CALLER_DEPTH:
        return None
    if any(is_assignment_target(use) for use in file.scopes(node).uses(definition)):
        return None
    return _passed_by_every_caller(file, definition.function, definition.name, depth)


def _passed_by_every_caller(file: FileModel, function: Node, parameter: str,
                            depth: int) -> frozenset[str] | None:
    """The values of ``parameter`` of a declared function over its callers' arguments, when
    every call of it is in the package (unexported, or a `main` package) and it is never
    used as a value."""
    view = file.package_view
    ref = view.function_at(file, function) if function.type in (
        "function_declaration", "method_declaration") else None
    if ref is None or (ref.name[:1].isupper() and file.package != "main"):
        return None
    names = [name for name, _ in ref.parameters()]
    if parameter not in names or view.uses_outside_calls(ref) or \
            _called_uncertainly(view, ref):
        return None
    index = names.index(parameter)
    found: set[str] = set()
    callers = list(view.callers(ref))
    for caller_file, call in callers:
        arguments = call.child_by_field_name("arguments")
        items = [a for a in arguments.named_children if a.type != "comment"] \
            if arguments is not None else []
        if index >= len(items) or items[index].type == "variadic_argument":
            return None
        values = string_values(caller_file, items[index], depth + 1)
        if values is None:
            return None
        found |= values
    return frozenset(found) if callers else None


def _field_default(file: FileModel, selector: Node, depth: int) -> frozenset[str] | None:
    """`flags.Addr` of a local initialised from a literal (`flags := struct{...}{Addr:
    "localhost:8080"}`, then filled by a flag parser) whose field the function never
    assigns: the literal's value, a default its user may override, as a flag's is."""
    operand = selector.child_by_field_name("operand")
    field = selector.child_by_field_name("field")
    if operand is None or field is None or operand.type != "identifier":
        return None
    definition = file.resolve(operand)
    literal = initial_value(definition) if definition is not None else None
    while literal is not None and literal.type in ("unary_expression",
                                                   "parenthesized_expression"):
        literal = literal.named_children[-1] if literal.named_child_count else None
    if literal is None or literal.type != "composite_literal" or definition is None:
        return None
    for use in file.scopes(operand).uses(definition):
        parent = use.parent
        if is_assignment_target(use):
            return None  # the whole value replaced: the literal says nothing
        if parent is not None and parent.type == "selector_expression" and \
                is_assignment_target(parent):
            named = parent.child_by_field_name("field")
            if named is not None and text(named) == text(field):
                return None  # set in the function
        if parent is not None and parent.type == "unary_expression" and \
                text(parent).startswith("&") and not _parsed_as_flags(file, parent):
            return None  # its address handed on: anything may set it
    value = keyed_value(literal, text(field))
    return string_values(file, value, depth) if value is not None else None


def keyed_value(literal: Node, key: str) -> Node | None:
    """The expression a composite literal gives ``key`` (`Addr: addr`)."""
    body = literal.child_by_field_name("body")
    for element in body.named_children if body is not None else ():
        if element.type == "keyed_element" and element.named_child_count == 2 and \
                text(element.named_children[0]).strip() == key:
            value = element.named_children[1]
            return value.named_children[0] if value.type == "literal_element" and \
                value.named_child_count else value
    return None


# Command-line parsers that fill a struct's fields from flags, over the defaults it holds.
_FLAG_PARSERS = {
    "github.com/anacrolix/tagflag": frozenset({"Parse", "ParseArgs", "ParseErr"}),
    "github.com/alexflint/go-arg": frozenset({"MustParse", "Parse"}),
    "github.com/jessevdk/go-flags": frozenset({"Parse", "ParseArgs"}),
    "github.com/alecthomas/kong": frozenset({"Parse"}),
}


def _parsed_as_flags(file: FileModel, address: Node) -> bool:
    """`tagflag.Parse(&flags)`: the address goes to a flag parser, which may override the
    defaults only from the command line (the user's choice, as a flag's default)."""
    holder = address.parent
    call = holder.parent if holder is not None and holder.type == "argument_list" else None
    qualified = file.package_call(call) if call is not None else None
    return qualified is not None and qualified[1] in _FLAG_PARSERS.get(qualified[0], ())


def _called_uncertainly(view: PackageView, ref: FunctionRef) -> bool:
    """Whether some call of ``ref``'s name may run it without resolving to it for certain (a
    call through an interface of the package, a method found by its name only): then its
    callers are not all in sight."""
    for file, node in view.references(ref.name):
        parent = node.parent
        call = parent.parent if parent is not None and \
            parent.type == "selector_expression" else parent
        if call is None or call.type != "call_expression":
            if parent is not None and parent.type in ("method_elem", "method_spec"):
                return True  # an interface of the package declares it
            continue
        resolution = view.resolve_call(file, call)
        if resolution is None and ref.receiver is not None and parent is not None and \
                parent.type == "selector_expression":
            return True  # `x.serve(...)` on a value whose type is not known
        if resolution is not None and not resolution.certain and \
                any(t.key == ref.key for t in resolution.targets):
            return True
    return False
