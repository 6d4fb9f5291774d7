"""Which calls are `sync.WaitGroup` calls, which group each one counts, and which types hold one.

Without types a WaitGroup is known by its declaration: a local or parameter declared
`sync.WaitGroup`/`*sync.WaitGroup` (or made by `sync.WaitGroup{}`, `&sync.WaitGroup{}`,
`new(sync.WaitGroup)`), or a name the package declares so (a struct field or package variable
`wg sync.WaitGroup`, found in the package's text). A group is identified by its definition for
locals and by its name for fields and package variables. The struct types that hold a group by
value come from the package's index of struct fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.facts import Fact
from leakgate.semantics.package import struct_fields
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import descendants, node_key, statements_of, text, unparen
from leakgate.semantics.types import local_has_type

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

_TEXTS: Fact[list[bytes]] = Fact("files mentioning WaitGroup")
_NAMES: Fact[frozenset[str]] = Fact("waitgroup names")
_HOLDS: Fact[bool] = Fact("holds a sync.WaitGroup by value")
_GROUP_CALLS: Fact[list[GroupCall]] = Fact("sync.WaitGroup calls of the file")
_LOCAL_STRUCTS: Fact[dict[str, dict[str, Node]]] = Fact("struct types declared in functions")
_ONLY_ADDED: Fact[bool] = Fact("waitgroup only added")

METHODS = ("Add", "Done", "Wait", "Go")
# `wg sync.WaitGroup`, `wg *sync.WaitGroup`, `wg = &sync.WaitGroup{}`, `wg = new(sync.WaitGroup)`
_DECLARED_BEFORE = re.compile(
    rb"\b([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:[ \t]|:?=[ \t]*)(?:\*|&|new\()?[ \t]*\Z")
_EMBEDDED = re.compile(rb"\s*\*?sync\.WaitGroup\s*(?://[^\n]*)?")


@dataclass(frozen=True, eq=False)
class GroupCall:
    """`wg.Add(n)`, `wg.Done()`, `wg.Wait()` or `wg.Go(f)` on a known WaitGroup."""

    call: Node
    method: str
    operand: Node  # the WaitGroup expression
    group: tuple[object, ...]  # ("local", definition key) | ("name", name)
    definition: Definition | None  # for locals and parameters
    function: Node | None  # the innermost function around the call
    deferred: bool  # `defer wg.Done()`, or inside a deferred closure

    @property
    def name(self) -> str:
        return text(self.operand)

    def negative(self) -> bool:
        """`wg.Add(-1)`: a Done spelled as Add."""
        arguments = self.call.child_by_field_name("arguments")
        return arguments is not None and text(arguments).lstrip("( ").startswith("-")


def waitgroup_texts(ctx: FileModel) -> list[bytes]:
    """The bytes of the package's files that mention `WaitGroup` (most packages: none)."""

    def compute() -> list[bytes]:
        return [data for data in ctx.package_view.texts() if b"WaitGroup" in data]

    return ctx.package_view.fact(_TEXTS, compute)


def declared_names(ctx: FileModel) -> frozenset[str]:
    """Names the package declares as WaitGroups: fields, package variables, locals and
    parameters (`wg sync.WaitGroup`, `wg := &sync.WaitGroup{}`, `wg *sync.WaitGroup`)."""

    def compute() -> frozenset[str]:
        names: set[str] = set()
        for data in waitgroup_texts(ctx):
            start = data.find(b"sync.WaitGroup")
            while start >= 0:
                match = _DECLARED_BEFORE.search(data, max(0, start - 80), start)
                if match:
                    names.add(match.group(1).decode())
                line_start = data.rfind(b"\n", 0, start) + 1
                line_end = data.find(b"\n", start)
                if _EMBEDDED.fullmatch(data, line_start, line_end if line_end >= 0 else len(data)):
                    names.add("WaitGroup")  # embedded: `s.Add(1)` on the struct itself
                start = data.find(b"sync.WaitGroup", start + 14)
        return frozenset(names)

    return ctx.package_view.fact(_NAMES, compute)


Group = tuple[tuple[object, ...], Definition | None]


def _group_of(ctx: FileModel, operand: Node) -> Group | None:
    operand = unparen(operand)
    if operand.type == "unary_expression" and text(operand).startswith("*"):
        operand = unparen(operand.named_children[-1])
    if operand.type == "identifier":
        if text(operand) not in declared_names(ctx):
            return None  # every WaitGroup's declaration names it (a local's in this file)
        definition = ctx.resolve(operand)
        if definition is not None:
            if local_has_type(ctx, definition, "sync", "WaitGroup"):
                return ("local", node_key(definition.node)), definition
            return None
        name = text(operand)
        return (("name", name), None) if name in declared_names(ctx) and \
            ctx.package_of(operand) is None else None
    if operand.type == "selector_expression":
        field = operand.child_by_field_name("field")
        if field is not None and text(field) in declared_names(ctx):
            return ("name", text(field)), None
    return None


def group_calls(ctx: FileModel) -> list[GroupCall]:
    """Every WaitGroup call of the file, in source order."""

    def compute() -> list[GroupCall]:
        data = ctx.source.data
        if b".Add(" not in data and b".Done()" not in data and b".Wait()" not in data and \
                b".Go(" not in data:
            return []
        candidates = [(method, call, operand) for method in METHODS
                      for call, operand in ctx.method_calls(method)]
        if b"WaitGroup" not in data:
            # A local or parameter WaitGroup is declared as one in this file: without the
            # word, only fields declared elsewhere remain (a package variable declared in
            # another file is not followed: rare, and the package's text would be read for
            # every file that calls an Add or a Wait).
            candidates = [c for c in candidates if unparen(c[2]).type != "identifier"]
        if not candidates or not declared_names(ctx):
            return []
        found = []
        for method, call, operand in candidates:
            group = _group_of(ctx, operand)
            if group is None:
                continue
            function = ctx.enclosing_function(call)
            found.append(GroupCall(call, method, operand, group[0], group[1], function,
                                   _deferred(call, function)))
        found.sort(key=lambda c: c.call.start_byte)
        return found

    return ctx.memo(_GROUP_CALLS, compute)


def _deferred(call: Node, function: Node | None) -> bool:
    parent = call.parent
    if parent is not None and parent.type == "defer_statement":
        return True
    # `defer func() { ...; wg.Done() }()`: the closure runs when the function returns.
    if function is not None and function.type == "func_literal":
        holder = function.parent
        return holder is not None and holder.type == "call_expression" and \
            holder.parent is not None and holder.parent.type == "defer_statement"
    return False


def calls_in(ctx: FileModel, function: Node, method: str | None = None) -> list[GroupCall]:
    """The WaitGroup calls whose innermost function is ``function`` (closures it defers
    count as its own)."""
    return [c for c in group_calls(ctx)
            if (method is None or c.method == method) and
            function.start_byte <= c.call.start_byte < function.end_byte and
            (c.function == function or (c.deferred and c.function is not None
                                         and c.function.type == "func_literal"
                                         and ctx.enclosing_function(c.function) == function))]


def receiver_name(function: Node) -> str | None:
    """The name of a method's receiver (`s` in `func (s *Server) run()`)."""
    receiver = function.child_by_field_name("receiver") \
        if function.type == "method_declaration" else None
    if receiver is None:
        return None
    for parameter in receiver.named_children:
        name = parameter.child_by_field_name("name")
        if name is not None:
            return text(name)
    return None


def root_identifier(expression: Node) -> Node | None:
    """`s` in `s.a.wg`."""
    current = unparen(expression)
    while current.type == "selector_expression":
        operand = current.child_by_field_name("operand")
        if operand is None:
            return None
        current = unparen(operand)
    return current if current.type == "identifier" else None


def go_statements_in(node: Node) -> list[Node]:
    """The `go` statements under ``node``, in source order, not those inside the function
    literals it holds (a `go func() {...}()` itself counts)."""
    return list(descendants(node, frozenset({"go_statement"}), into_functions=False))


def declared_outside(file: FileModel, call: GroupCall, function: Node) -> bool:
    """Whether the group ``call`` counts comes from outside ``function`` (captured, received
    as a parameter, a receiver's field, a package variable): the group it shares with the
    code that waits."""
    definition = call.definition
    if definition is not None:
        if definition.function != function:
            return True
        return definition.kind == "param" and text(definition.type_node() or call.operand) \
            .startswith("*")
    root = root_identifier(call.operand)
    if root is None:
        return False
    if root == unparen(call.operand):
        return file.resolve(root) is None  # a package variable
    if function.type == "method_declaration" and text(root) == receiver_name(function):
        return True
    local = file.resolve(root)
    return local is None or local.function != function or local.kind == "param"


def handed_positions(file: FileModel, call: GroupCall, function: Node) -> list[int]:
    """Where the group of ``call`` is itself handed on inside ``function`` (`helper(&wg)`,
    `helper(wg)`, `helper(s.wg)`): the helper may call Done."""
    if call.definition is not None:
        uses = file.scopes(function).uses(call.definition)
    else:
        uses = [n for n in descendants(function, frozenset({"field_identifier", "identifier"}))
                if text(n) == text(call.operand).rsplit(".", 1)[-1]]
    found = []
    for use in uses:
        holder = use.parent
        while holder is not None and holder.type in ("selector_expression",
                                                     "unary_expression",
                                                     "parenthesized_expression") and \
                not (holder.type == "selector_expression" and
                     holder.parent is not None and holder.parent.type == "call_expression"
                     and holder.parent.child_by_field_name("function") == holder):
            holder = holder.parent
        if holder is not None and holder.type == "argument_list":
            found.append(use.start_byte)
    return found


def only_added(file: FileModel, name: str) -> bool:
    """Whether every mention of the field or package variable ``name`` in the package's text
    is a declaration (`name sync.WaitGroup`), an `Add(n)` with positive n, or a `Wait()`:
    nothing calls Done on it, nor hands it on (a mention in a comment counts as a use)."""

    def compute() -> bool:
        word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
        allowed = re.compile(rb"\s*\.\s*(?:Add\(\s*[^-\s]|Wait\(\))")
        declared = re.compile(rb"\s+\*?sync\.WaitGroup\b")
        for data in file.package_view.texts():
            for match in word.finditer(data):
                after = data[match.end():match.end() + 64]
                if not allowed.match(after) and not declared.match(after):
                    return False
        return True

    return file.package_view.fact(_ONLY_ADDED.about(name), compute)


def mentions_waitgroups(file: FileModel) -> bool:
    """Whether any file of the package spells `sync.WaitGroup` (a text test: most packages
    do not, and then nothing is parsed to find holders)."""
    return any(b"sync.WaitGroup" in data for data in waitgroup_texts(file))


# `type T struct {`, `type G[T any] struct {` or, in a `type (...)` group, `T struct {` at the
# start of a line.
_STRUCT_NAME = re.compile(
    rb"(?:\btype[ \t]+|\n[ \t]*)([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]\n]*\])?[ \t]+\Z")
_OPENING = re.compile(rb"[ \t]*\{")
_BRACE = re.compile(rb"[{}]")
_CANDIDATES: Fact[frozenset[str]] = Fact("struct types that may hold a sync.WaitGroup")


def holder_candidates(file: FileModel) -> frozenset[str]:
    """The struct types of the package (or declared in a function) whose body text mentions
    `WaitGroup`, or the name of such a type, read from the bytes: a superset of the holders,
    so that ``holds_group`` parses nothing for the other type names a file is full of."""
    view = file.package_view

    def compute() -> frozenset[str]:
        bodies: dict[str, bytes] = {}
        for data in view.texts():
            start = data.find(b"struct")
            while start >= 0:
                named = _STRUCT_NAME.search(data, max(0, start - 80), start)
                opening = _OPENING.match(data, start + 6)
                if named and opening:
                    name = named.group(1).decode()
                    bodies[name] = bodies.get(name, b"") + _braced(data, opening.end())
                start = data.find(b"struct", start + 6)
        found = {name for name, body in bodies.items() if b"WaitGroup" in body}
        grown = found
        while grown:
            word = re.compile(rb"\b(?:" + b"|".join(
                re.escape(n.encode()) for n in sorted(grown)) + rb")\b")
            grown = {name for name, body in bodies.items()
                     if name not in found and word.search(body)}
            found |= grown
        return frozenset(found)

    return view.fact(_CANDIDATES, compute)


def _braced(data: bytes, start: int) -> bytes:
    """The bytes from ``start`` to the brace that closes the one just before it."""
    depth = 1
    for brace in _BRACE.finditer(data, start):
        depth += 1 if brace.group() == b"{" else -1
        if not depth:
            return data[start:brace.start()]
    return data[start:]


def holds_group(file: FileModel, name: str) -> bool:
    """Whether a value of the type called ``name`` holds a sync.WaitGroup: `sync.WaitGroup`
    itself, or a struct type (of the package, or declared in a function of ``file``) a field
    of which (named or embedded, in a nested struct type too) has the type `sync.WaitGroup`,
    an array of it, or a struct type that holds one (an instance of a generic one included).
    A pointer, slice, map, channel or function type does not hold the value. Asked by name,
    so only the files that declare the types asked about are parsed."""
    return _holds(file, name, frozenset(), local=True)


def _holds(file: FileModel, name: str, visiting: frozenset[str], local: bool) -> bool:
    """``local``: the types declared in ``file``'s functions may answer (only for a name the
    file itself asks about; a package type's fields mean the package's types, and its answer
    is kept for the whole package)."""
    if name == "sync.WaitGroup":
        return True
    if "." in name or name in visiting or name not in holder_candidates(file):
        return False
    declared = _local_structs(file).get(name) if local else None
    if declared is not None:
        return any(_field_holds(file, t, visiting | {name}, local) for t in declared.values())
    view = file.package_view

    def compute() -> bool:
        fields = view.struct_fields_of(name)
        return fields is not None and \
            any(_field_holds(file, t, visiting | {name}, False) for t in fields.values())

    return view.fact(_HOLDS.about(name), compute)


def _local_structs(file: FileModel) -> dict[str, dict[str, Node]]:
    """Struct types declared inside the functions of ``file`` (the package index holds the
    top-level ones only), by name."""

    def compute() -> dict[str, dict[str, Node]]:
        found: dict[str, dict[str, Node]] = {}
        for spec in file.find("type_spec"):
            declaration = spec.parent
            name = spec.child_by_field_name("name")
            struct = spec.child_by_field_name("type")
            if declaration is None or declaration.parent is None or \
                    declaration.parent.type == "source_file" or name is None or \
                    struct is None or struct.type != "struct_type":
                continue
            found.setdefault(text(name), struct_fields(struct))
        return found

    return file.memo(_LOCAL_STRUCTS, compute)


def _field_holds(file: FileModel, type_node: Node, visiting: frozenset[str],
                 local: bool) -> bool:
    """Whether a value of this declared field type contains a group: `sync.WaitGroup`, a
    struct type that holds one, or an array of one of them."""
    previous = type_node.prev_sibling
    if previous is not None and previous.type == "*":
        return False  # an embedded `*T`: the index keeps the type without its star
    while type_node.type in ("array_type", "parenthesized_type", "generic_type"):
        inner = type_node.child_by_field_name("element") if type_node.type == "array_type" \
            else type_node.child_by_field_name("type") if type_node.type == "generic_type" \
            else type_node.named_children[-1] if type_node.named_child_count else None
        if inner is None:
            return False
        type_node = inner
    if type_node.type == "qualified_type":
        return text(type_node).replace(" ", "") == "sync.WaitGroup"
    return type_node.type == "type_identifier" and \
        _holds(file, text(type_node), visiting, local)


def waits_after_close(file: FileModel, add: GroupCall, function: Node) -> bool:
    """``function`` adds to a field group and closes a field channel when it returns
    (`defer close(s.done)`), and every Wait on that group in the package first receives from
    that channel (`<-s.done` before `s.wg.Wait()`): every Add happens before the close, so
    before any Wait (an accept loop that counts its connections, waited for after it ended)."""
    if add.group[0] != "name":
        return False
    channel = _closed_when_returning(function)
    if channel is None:
        return False
    holders = {id(other): other for other, _ in file.package_view.references("Wait")}
    waits = [(other, wait) for other in holders.values()
             for wait in group_calls(other) if wait.method == "Wait" and wait.group == add.group]
    return bool(waits) and all(_received_before(other, wait.call, channel)
                               for other, wait in waits)


def _closed_when_returning(function: Node) -> str | None:
    """`defer close(x.field)` in ``function``'s own body: the field."""
    for statement in statements_of(function.child_by_field_name("body")):
        call = statement.named_children[0] if statement.type == "defer_statement" and \
            statement.named_child_count else None
        callee = call.child_by_field_name("function") if call is not None and \
            call.type == "call_expression" else None
        arguments = call.child_by_field_name("arguments") if call is not None else None
        if callee is not None and text(callee) == "close" and arguments is not None and \
                arguments.named_child_count == 1 and \
                arguments.named_children[0].type == "selector_expression":
            field = arguments.named_children[0].child_by_field_name("field")
            return text(field) if field is not None else None
    return None


def _received_before(file: FileModel, node: Node, field: str) -> bool:
    """A statement `<-x.field` at the top of a function around ``node``, before it: it has
    run whenever ``node`` runs."""
    function = file.enclosing_function(node)
    while function is not None:
        for statement in statements_of(function.child_by_field_name("body")):
            if statement.start_byte >= node.start_byte:
                break
            receive = unparen(statement.named_children[0]) if \
                statement.type == "expression_statement" and statement.named_child_count \
                else None
            if receive is not None and receive.type == "unary_expression" and \
                    text(receive).startswith("<-") and receive.named_child_count:
                operand = unparen(receive.named_children[-1])
                selected = operand.child_by_field_name("field") \
                    if operand.type == "selector_expression" else None
                if selected is not None and text(selected) == field:
                    return True
        function = file.enclosing_function(function)
    return False
