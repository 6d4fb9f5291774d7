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
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import descendants, is_assignment_target, text, unparen
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


def caller_arguments(file: FileModel, function: Node,
                     parameter: str) -> list[tuple[FileModel, Node]] | None:
    """What every caller passes as ``parameter`` of a declared function, as (file,
    argument), when every call of it is in the package (unexported, or a `main` package) and
    it is never used as a value; None when unknown (no caller counts as unknown)."""
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
    found: list[tuple[FileModel, Node]] = []
    for caller_file, call in view.callers(ref):
        arguments = call.child_by_field_name("arguments")
        items = [a for a in arguments.named_children if a.type != "comment"] \
            if arguments is not None else []
        if index >= len(items) or items[index].type == "variadic_argument":
            return None
        found.append((caller_file, items[index]))
    return found or None


def _passed_by_every_caller(file: FileModel, function: Node, parameter: str,
                            depth: int) -> frozenset[str] | None:
    """The values of ``parameter`` over its callers' arguments (see caller_arguments)."""
    found: set[str] = set()
    for caller_file, argument in caller_arguments(file, function, parameter) or []:
        values = string_values(caller_file, argument, depth + 1)
        if values is None:
            return None
        found |= values
    return frozenset(found) or None


def _field_default(file: FileModel, selector: Node, depth: int) -> frozenset[str] | None:
    """`flags.Addr` of a local initialised from a literal (`flags := struct{...}{Addr:
    "localhost:8080"}`, then filled by a flag parser) whose field the function never
    assigns: the literal's value, a default its user may override, as a flag's is. The field
    of a receiver, a parameter or a field (`p.config.identityURL`): every value the package
    gives such fields."""
    operand = selector.child_by_field_name("operand")
    field = selector.child_by_field_name("field")
    if operand is None or field is None:
        return None
    if operand.type == "selector_expression":
        return _field_everywhere(file, text(field), depth)  # `p.config.identityURL`
    if operand.type != "identifier" or file.imports.path_of(text(operand)) is not None:
        return None
    definition = file.resolve(operand)
    literal = initial_value(definition) if definition is not None else None
    while literal is not None and literal.type in ("unary_expression",
                                                   "parenthesized_expression"):
        literal = literal.named_children[-1] if literal.named_child_count else None
    if definition is None or definition.kind in ("param", "receiver"):
        return _field_everywhere(file, text(field), depth)  # `p.url`: the field's values
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


def _field_everywhere(file: FileModel, name: str, depth: int) -> frozenset[str] | None:
    """Every value the package's production code gives struct fields called ``name`` (keyed
    literals `identityURL: awsIdentityURL`, assignments `c.identityURL = v`), when each is a
    known string and only this package can set them: every struct declaring the field is the
    package's, and the field or the struct is unexported (no other package, and no decoder of
    a config file, fills it). A config field filled only from constants. None otherwise, or
    when none is given (the zero value)."""
    if depth >= _CALLER_DEPTH:
        return None
    found: set[str] = set()
    references = file.package_view.references(name)
    declared = [node for _, node in references
                if node.parent is not None and node.parent.type == "field_declaration"]
    if not declared or not all(name[:1].islower() or _unexported_owner(node)
                               for node in declared):
        return None
    for other, node in references:
        if other.is_test:
            continue
        parent = node.parent
        keyed = parent.parent if parent is not None and parent.type == "literal_element" \
            else None
        if keyed is not None and keyed.type == "keyed_element" and \
                keyed.named_child_count == 2 and keyed.named_children[0] == parent:
            value = keyed.named_children[1]
            if value.type == "literal_element" and value.named_child_count:
                value = value.named_children[0]
        elif parent is not None and parent.type == "selector_expression" and \
                parent.child_by_field_name("field") == node and is_assignment_target(parent):
            assigned = _assigned_value(parent)
            if assigned is None:
                return None
            value = assigned
        else:
            continue  # a read, the declaration, or another name spelled so
        values = string_values(other, value, depth + 1)
        if values is None:
            return None
        found |= values
    return frozenset(found) or None


def _unexported_owner(field: Node) -> bool:
    """The struct declaring ``field`` is an unexported named type (`type gcpConfig struct`)."""
    node = field.parent
    while node is not None and node.type not in ("type_spec", "source_file"):
        node = node.parent
    name = node.child_by_field_name("name") if node is not None and \
        node.type == "type_spec" else None
    return name is not None and text(name)[:1].islower()


def _assigned_value(target: Node) -> Node | None:
    """The value `target = value` gives ``target`` (one of as many on each side)."""
    holder = target.parent
    statement = holder.parent if holder is not None else None
    if statement is None or statement.type != "assignment_statement":
        return None
    left = statement.child_by_field_name("left")
    right = statement.child_by_field_name("right")
    if left is None or right is None or left.named_child_count != right.named_child_count:
        return None
    for index, item in enumerate(left.named_children):
        if item == target:
            return right.named_children[index]
    return None


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


def only_value(file: FileModel, node: Node, definition: Definition) -> Node | None:
    """The one expression a local is given: its initial value, or the one assignment of a
    `var l net.Listener`; for `l, err := f()` (or `=`), the call."""
    assigned = [use for use in file.scopes(node).uses(definition)
                if use != definition.node and is_assignment_target(use)]
    value = initial_value(definition)
    if value is not None:
        return None if assigned else value
    if definition.statement.type == "short_var_declaration":
        return None if assigned else _first_of_call(definition.statement, definition.node)
    if len(assigned) != 1 or assigned[0].parent is None or assigned[0].parent.parent is None:
        return None
    return _first_of_call(assigned[0].parent.parent, assigned[0])


def _first_of_call(statement: Node, target: Node) -> Node | None:
    """`target, err := f()`: the call, when ``target`` is the first name."""
    left = statement.child_by_field_name("left")
    right = statement.child_by_field_name("right")
    if left is None or right is None or right.named_child_count != 1 or \
            not left.named_child_count or left.named_children[0] != target:
        return None
    return right.named_children[0]


def returned_first(function: Node) -> list[Node]:
    """The first value each return of ``function`` gives (`return l, nil`), `nil` left out;
    empty when a return gives none."""
    found = []
    for statement in descendants(function, frozenset({"return_statement"}),
                                 into_functions=False):
        results = [c for c in statement.named_children if c.type != "comment"]
        items = results[0].named_children if len(results) == 1 and \
            results[0].type == "expression_list" else results
        if not items:
            return []
        if text(items[0]) != "nil":
            found.append(items[0])
    return found
