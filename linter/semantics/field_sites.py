"""Every place the package touches one struct field: a channel, a cancel function, a condition.

A blocking bug in a service has its two sides in different methods that meet through a field:
`run` receives on `s.done`, and the question is whether any code of the package can ever send on
it or close it. This module answers with the field's *sites*: each selector `x.f` whose operand
has the field's struct type (the package view's types), each keyed literal `T{f: ...}`, each
call of an accessor method that returns the field (`s.Done()` for `return s.done`), and each use
of a local the field was copied to (`done := s.done`), classified as a send, receive, range,
close, call, assignment or hand-off (an escape: an argument, a return, a store).

What the package cannot see is said, not guessed: a selector `x.f` whose operand's type the
syntax does not give is a *hidden* site (it may or may not be this field), and an exported field
of an exported type may be touched by other packages (``foreign``). Rules decide which hidden
kinds matter to their question (a hidden receive cannot feed a channel; a hidden send can).
Computed once per field and package.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    INSPECT,
    RANGE,
    RECEIVE,
    SEND,
    cannot_give_up,
    classify,
    is_builtin_call,
    make_chan_capacity,
    select_of,
)
from leakgate.semantics.facts import Fact
from leakgate.semantics.fields import Field
from leakgate.semantics.model import FileModel
from leakgate.semantics.package import base_type_name
from leakgate.semantics.syntax import text, unparen

CALL, ASSIGN, ACCESSOR = "call", "assign", "accessor"

_SITES: Fact[FieldSites] = Fact("sites of a field")


@dataclass(frozen=True)
class FieldSite:
    """One place that touches the field's value."""

    file: FileModel
    node: Node  # what denotes the value: `s.done`, the accessor call `s.Done()`, a local copy
    kind: str  # SEND | RECEIVE | RANGE | CLOSE | INSPECT | CALL | ASSIGN | ACCESSOR | ESCAPE
    operation: Node  # the send, receive, range clause, call or assignment
    blocking: bool = False  # a send or receive that cannot give up
    value: Node | None = None  # ASSIGN: what is assigned
    via: str | None = None  # the accessor method it is reached through

    def shown(self, ctx: FileModel) -> str:
        """`` `run` (line 40)``, or `` `run` (node.go:40)`` from another file, for messages."""
        where = place(ctx, self.file, self.operation)
        return f"`{_function_name(self.file, self.node)}` ({where})"


@dataclass(frozen=True)
class FieldSites:
    field: Field
    sites: tuple[FieldSite, ...]  # on this field, in (path, position) order
    hidden: tuple[FieldSite, ...]  # `x.f` of unknown type: maybe this field
    foreign: str | None  # why other packages may touch it, or None when they cannot
    foreign_feeds: str | None  # why other packages may send on or close it (not receive-only)

    def of(self, *kinds: str) -> list[FieldSite]:
        return [s for s in self.sites if s.kind in kinds]

    def hidden_of(self, *kinds: str) -> list[FieldSite]:
        return [s for s in self.hidden if s.kind in kinds]

    @property
    def capacities(self) -> list[int | None] | None:
        """The capacity of every `make(chan T, n)` assigned to the field (None: not a
        constant); None when something other than a `make` (or nil) is assigned too."""
        found: list[int | None] = []
        for site in self.of(ASSIGN):
            if site.value is None:
                return None
            if unparen(site.value).type == "nil":
                continue
            is_channel, capacity = make_chan_capacity(site.file, site.value)
            if not is_channel:
                return None
            found.append(capacity)
        return found


    def made_at(self, ctx: FileModel) -> str:
        """Where the package makes the channel, for a message."""
        made = [s for s in self.of(ASSIGN) if s.value is not None and s.value.type != "nil"]
        return f"made at {place(ctx, made[0].file, made[0].operation)}" if made else \
            "never made"

    def elsewhere(self, ctx: FileModel, operation: Node, kinds: tuple[str, ...],
                  verb: str) -> str:
        """The other sites of ``kinds``, for a message: "only sent on here", or "also only
        sent on in `run` (node.go:40)"."""
        others = [s for s in self.of(*kinds) if s.operation != operation]
        if not others:
            return f"only {verb} here"
        shown = ", ".join(f"`{_function_name(s.file, s.node)}` ("
                          f"{place(ctx, s.file, s.operation)})" for s in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        return f"also only {verb} in {shown}{more}"


# A struct field declared with a channel type (`done chan struct{}`, `in, out <-chan T`), and a
# method whose result is one (`func (s *S) Done() <-chan struct{}`): the names a channel-field
# question can be about, read from the bytes before any type is resolved. Each `chan` is found
# by a plain byte search; only the text before it on its line is matched.
_FIELD_BEFORE = re.compile(rb"(?:^|[{;])[ \t]*(\w+(?:[ \t]*,[ \t]*\w+)*)[ \t]+(?:<-[ \t]*)?$")
_METHOD_BEFORE = re.compile(rb"^func[ \t]*\([^)]*\)[ \t]*(\w+)\(\)[ \t]*(?:<-[ \t]*)?$")
_CHANNEL_NAMES: Fact[frozenset[str]] = Fact("names of channel fields and accessors")


def _channel_names(ctx: FileModel) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names: set[str] = set()
        for data in ctx.package_view.texts():
            at = data.find(b"chan")
            while at >= 0:
                after = data[at + 4:at + 5]
                line = data[data.rfind(b"\n", 0, at) + 1:at]
                at = data.find(b"chan", at + 4)
                if after.isalnum() or after == b"_" or line[-1:].isalnum() or line[-1:] == b"_":
                    continue  # `channel`, `mychan`
                field = _FIELD_BEFORE.search(line)
                if field is not None:
                    names.update(n.strip().decode() for n in field.group(1).split(b","))
                method = _METHOD_BEFORE.search(line)
                if method is not None:
                    names.add(method.group(1).decode())
        return frozenset(names)

    return ctx.package_view.fact(_CHANNEL_NAMES, compute)


def may_be_channel_field(ctx: FileModel, expression: Node) -> bool:
    """A cheap test before types: `x.f` or `x.f()` where the package declares a channel field
    or a channel-returning method named ``f``."""
    expression = unparen(expression)
    if expression.type == "call_expression":
        expression = expression.child_by_field_name("function") or expression
    name = expression.child_by_field_name("field") if \
        expression.type == "selector_expression" else None
    return name is not None and text(name) in _channel_names(ctx)


def unfed_channel_field(ctx: FileModel, expression: Node) -> FieldSites | None:
    """The sites of the channel field ``expression`` denotes (`s.done`, `s.Done()`) when no code
    can send on it or close it: the package never does, every value it gives the field is a
    `make` (nothing outside made it), no site hands it on, and nothing of unknown type or in
    another package may be touching it. None when it may be fed, or is not a field."""
    field = accessed_field(ctx, expression) if may_be_channel_field(ctx, expression) else None
    if field is None or channel_direction(ctx, field) != "both":
        return None
    sites = field_sites(ctx, field)
    if sites.foreign_feeds or sites.of(SEND, CLOSE, ESCAPE) or \
            sites.hidden_of(SEND, CLOSE, ESCAPE, ASSIGN) or not sites.capacities:
        return None
    return sites


def undrained_channel_field(ctx: FileModel, expression: Node) -> FieldSites | None:
    """The sites of the unbuffered channel field ``expression`` denotes when no code can
    receive from it: the package never does (directly, through an accessor or a local copy),
    nor closes it (a sender left waiting panics then, and a tripwire channel a test closes
    means to), nothing hands it on, every value given it is an unbuffered `make`, and nothing
    of unknown type or in another package may be touching it."""
    field = accessed_field(ctx, expression) if may_be_channel_field(ctx, expression) else None
    if field is None or channel_direction(ctx, field) != "both":
        return None
    sites = field_sites(ctx, field)
    capacities = sites.capacities
    if sites.foreign or sites.of(RECEIVE, RANGE, ESCAPE, CLOSE) or \
            sites.hidden_of(RECEIVE, RANGE, ESCAPE, ASSIGN, CLOSE) or not capacities or \
            any(c != 0 for c in capacities):
        return None
    return sites


def field_sites(ctx: FileModel, field: Field) -> FieldSites:
    """The sites of ``field`` in the whole package (see the module docstring)."""
    view = ctx.package_view
    return view.fact(_SITES.about(f"{field.owner}.{field.name}"),
                     lambda: _compute(ctx, field))


def channel_direction(ctx: FileModel, field: Field) -> str | None:
    """"both", "receive" (`<-chan T`) or "send" (`chan<- T`) for a channel field; None when
    the field is not declared as a channel."""
    declared = ctx.package_view.field_type(field.owner, field.name)
    while declared is not None and declared.type == "parenthesized_type" and \
            declared.named_child_count:
        declared = declared.named_children[0]
    if declared is None or declared.type != "channel_type":
        return None
    shown = text(declared)
    if shown.startswith("<-"):
        return "receive"
    return "send" if shown[4:].lstrip().startswith("<-") else "both"


def accessed_field(ctx: FileModel, expression: Node) -> Field | None:
    """The field an expression denotes: `s.done`, or `s.Done()` where `Done` is a method of
    the operand's type whose body is `return s.done`."""
    expression = unparen(expression)
    if expression.type == "selector_expression":
        operand = expression.child_by_field_name("operand")
        name = expression.child_by_field_name("field")
        if operand is None or name is None or _is_package(ctx, operand):
            return None
        owner = ctx.package_view.type_of(ctx, operand)
        return Field(owner, text(name)) if owner is not None else None
    if expression.type != "call_expression":
        return None
    function = expression.child_by_field_name("function")
    arguments = expression.child_by_field_name("arguments")
    if function is None or function.type != "selector_expression" or arguments is None or \
            arguments.named_child_count:
        return None
    operand = function.child_by_field_name("operand")
    name = function.child_by_field_name("field")
    if operand is None or name is None or _is_package(ctx, operand):
        return None
    owner = ctx.package_view.type_of(ctx, operand)
    if owner is None:
        return None
    for method in ctx.package_view.methods_named(text(name)).get(owner, []):
        returned = _accessor_field(method.node)
        if returned is not None:
            return Field(owner, returned)
    return None


# --- computing the sites --------------------------------------------------------------------
def _compute(ctx: FileModel, field: Field) -> FieldSites:
    view = ctx.package_view
    sites: list[FieldSite] = []
    hidden: list[FieldSite] = []
    accessors: list[Node] = []
    for file, ident in view.references(field.name):
        parent = ident.parent
        if parent is None:
            continue
        if parent.type == "selector_expression" and parent.child_by_field_name("field") == ident:
            operand = parent.child_by_field_name("operand")
            if operand is None or _is_package(file, operand):
                continue
            mine = _owned(file, operand, field)
            if mine is False:
                continue
            found = _classify(file, parent, field)
            if mine:
                sites.extend(found)
                accessors.extend(s.operation for s in found if s.kind == ACCESSOR)
            else:
                hidden.extend(found)
        elif parent.type == "literal_element":
            site = _keyed(file, parent, field)
            if site is not None:
                (sites if site[0] else hidden).append(site[1])
    for method in accessors:
        _accessor_sites(ctx, field, method, sites, hidden)
    for file, literal in view.literals_of(field.owner):
        values = literal.child_by_field_name("body")
        if values is not None and any(e.type == "literal_element" for e in values.named_children):
            hidden.append(FieldSite(file, literal, ASSIGN, literal))  # positional: every field
    feeding = [m for m in accessors if not _receive_only(m)]
    sites.sort(key=_position)
    hidden.sort(key=_position)
    return FieldSites(field, tuple(sites), tuple(hidden), _foreign(ctx, field, accessors),
                      _foreign(ctx, field, feeding))


def _owned(file: FileModel, operand: Node, field: Field) -> bool | None:
    """Whether `operand.f` is this field: True, False (another struct that declares `f`), or
    None (the operand's type is unknown, or a struct that may embed the owner)."""
    owner = file.package_view.type_of(file, operand)
    if owner == field.owner:
        return True
    if owner is None:
        return None
    declared = file.package_view.struct_fields_of(owner)
    return False if declared is not None and field.name in declared else None


def _classify(file: FileModel, selector: Node, field: Field) -> list[FieldSite]:
    """What the expression `x.f` does with the field's value (a copy to a local is followed to
    the local's uses)."""
    child, parent = _climb(selector)
    if parent is None:
        return [FieldSite(file, selector, ESCAPE, selector)]
    kind = parent.type
    if kind == "send_statement" and parent.child_by_field_name("channel") == child:
        return [FieldSite(file, selector, SEND, parent, cannot_give_up(select_of(parent)))]
    if kind == "unary_expression" and _operator(parent) == "<-":
        return [FieldSite(file, selector, RECEIVE, parent, cannot_give_up(select_of(parent)))]
    if kind == "range_clause" and parent.child_by_field_name("right") == child:
        return [FieldSite(file, selector, RANGE, parent)]
    if kind == "call_expression" and parent.child_by_field_name("function") == child:
        return [FieldSite(file, selector, CALL, parent)]
    if kind == "selector_expression":  # `s.cond.Wait()`, `s.ctx.Done()`: a method of it
        holder = parent.parent
        if holder is not None and holder.type == "call_expression" and \
                holder.child_by_field_name("function") == parent:
            return [FieldSite(file, selector, CALL, holder)]
        return [FieldSite(file, selector, INSPECT, parent)]  # `s.cond.L`: a field of it
    if kind == "argument_list" and parent.parent is not None:
        call = parent.parent
        if is_builtin_call(file, call, "close"):
            return [FieldSite(file, selector, CLOSE, call)]
        if any(is_builtin_call(file, call, name) for name in ("len", "cap")):
            return [FieldSite(file, selector, INSPECT, call)]
    if kind == "binary_expression" and any(c.type == "nil" for c in parent.named_children):
        return [FieldSite(file, selector, INSPECT, parent)]
    if kind == "expression_list" and parent.parent is not None:
        statement = parent.parent
        left = statement.child_by_field_name("left")
        right = statement.child_by_field_name("right")
        if statement.type == "assignment_statement" and left == parent:
            values = right.named_children if right is not None else []
            index = [c.id for c in parent.named_children].index(child.id)
            value = values[index] if len(values) == len(parent.named_children) else None
            return [FieldSite(file, selector, ASSIGN, statement, value=value)]
        if statement.type == "return_statement" and _returns_own_field(file, statement, field):
            method = file.enclosing_function(statement)
            return [FieldSite(file, selector, ACCESSOR, method or statement)]
        if statement.type == "short_var_declaration" and right == parent:
            copied = _local_copy(file, statement, parent, child, selector)
            if copied is not None:
                return copied
    return [FieldSite(file, selector, ESCAPE, parent)]


def _local_copy(file: FileModel, statement: Node, right: Node, child: Node,
                selector: Node) -> list[FieldSite] | None:
    """`done := s.done`: the uses of the local, as sites of the field (a copy handed on in turn
    is an escape)."""
    left = statement.child_by_field_name("left")
    if left is None or left.named_child_count != right.named_child_count:
        return None
    index = [c.id for c in right.named_children].index(child.id)
    name = left.named_children[index]
    definition = file.scopes(name).definition_at(name) if name.type == "identifier" else None
    if definition is None:
        return None
    found = []
    for use in file.scopes(name).uses(definition):
        use_kind = classify(file, use, definition)
        if use_kind.kind in (SEND, RECEIVE, RANGE, CLOSE, INSPECT):
            found.append(FieldSite(file, use, use_kind.kind, use_kind.operation,
                                   cannot_give_up(use_kind.in_select)))
        else:
            found.append(FieldSite(file, use, ESCAPE, use_kind.operation))
    return found or [FieldSite(file, selector, ESCAPE, statement)]


def _keyed(file: FileModel, element: Node, field: Field) -> tuple[bool, FieldSite] | None:
    """`T{f: v}`: an assignment of ``v`` to the field when the literal is of the owner's type
    (known: True), or of a type the syntax does not give (False); None for another type."""
    keyed = element.parent
    if keyed is None or keyed.type != "keyed_element" or keyed.named_child_count != 2 or \
            keyed.named_children[0].id != element.id:
        return None
    value = keyed.named_children[1]
    if value.type == "literal_element" and value.named_child_count:
        value = value.named_children[0]
    body = keyed.parent
    literal = body.parent if body is not None else None
    if literal is None or literal.type != "composite_literal":
        return False, FieldSite(file, element, ASSIGN, keyed, value=value)  # elided type
    owner = base_type_name(literal.child_by_field_name("type"))
    if owner == field.owner:
        return True, FieldSite(file, element, ASSIGN, keyed, value=value)
    return None


def _accessor_sites(ctx: FileModel, field: Field, accessor: Node, sites: list[FieldSite],
                    hidden: list[FieldSite]) -> None:
    """The calls of an accessor method, classified as uses of the field they return."""
    name = accessor.child_by_field_name("name")
    if name is None:
        return
    method, receive_only = text(name), _receive_only(accessor)
    for file, ident in ctx.package_view.references(method):
        selector = ident.parent
        call = selector.parent if selector is not None else None
        if selector is None or selector.type != "selector_expression" or \
                selector.child_by_field_name("field") != ident:
            continue
        operand = selector.child_by_field_name("operand")
        if operand is None or _is_package(file, operand):
            continue
        mine = _owned_by_method(file, operand, field)
        if mine is False:
            continue
        if call is None or call.type != "call_expression" or \
                call.child_by_field_name("function") != selector:
            found = [FieldSite(file, selector, ESCAPE, selector, via=method)]  # a method value
        else:
            found = [FieldSite(s.file, s.node, s.kind, s.operation, s.blocking, s.value, method)
                     for s in _classify(file, call, field) if s.kind != ACCESSOR]
        if receive_only:  # `<-chan T`: whoever it is handed to can only receive
            found = [s for s in found if s.kind != ESCAPE]
        (sites if mine else hidden).extend(found)


def _receive_only(method: Node) -> bool:
    """A method whose result is declared `<-chan T`."""
    result = method.child_by_field_name("result")
    return result is not None and result.type == "channel_type" and \
        text(result).startswith("<-")


def _owned_by_method(file: FileModel, operand: Node, field: Field) -> bool | None:
    """Whether `operand.m()` calls the owner's accessor: True, False (another struct of the
    package), or None (an interface, which the owner may implement, or a type not known)."""
    view = file.package_view
    owner = view.type_of(file, operand)
    if owner == field.owner:
        return True
    if owner is None:
        return None
    view.load_mentioning(owner)
    return False if owner in view.structs else None


def _returns_own_field(file: FileModel, statement: Node, field: Field) -> bool:
    """`return s.f` as the whole body of a method of the owner."""
    method = file.enclosing_function(statement)
    if method is None or method.type != "method_declaration":
        return False
    returned = _accessor_field(method)
    receiver = method.child_by_field_name("receiver")
    types = [p.child_by_field_name("type") for p in receiver.named_children
             if p.type == "parameter_declaration"] if receiver is not None else []
    return returned == field.name and len(types) == 1 and base_type_name(types[0]) == field.owner


def _accessor_field(method: Node) -> str | None:
    """The field a method returns when its body is `return r.f` with ``r`` its receiver."""
    if method.type != "method_declaration":
        return None
    body = method.child_by_field_name("body")
    statements = [c for c in body.named_children if c.type != "comment"] if body else []
    if len(statements) == 1 and statements[0].type == "statement_list":
        statements = [c for c in statements[0].named_children if c.type != "comment"]
    if len(statements) != 1 or statements[0].type != "return_statement":
        return None
    values = statements[0].named_children
    if len(values) != 1 or values[0].named_child_count != 1:
        return None
    returned = unparen(values[0].named_children[0])
    receiver = method.child_by_field_name("receiver")
    names = [n for p in (receiver.named_children if receiver else [])
             for n in p.children_by_field_name("name")]
    operand = returned.child_by_field_name("operand") if \
        returned.type == "selector_expression" else None
    name = returned.child_by_field_name("field") if operand is not None else None
    if operand is None or name is None or len(names) != 1 or operand.type != "identifier" or \
            text(operand) != text(names[0]):
        return None
    return text(name)


def _foreign(ctx: FileModel, field: Field, accessors: list[Node]) -> str | None:
    """Why code of other packages may touch the field, outside package `main`: an exported
    accessor (other packages call it, through an interface too: `NewCreds()` of an
    `AuthMethod`), or an exported field (of any type: an exported constructor may return an
    unexported one) in a package that can be imported from outside its module, or that a
    package of the module names."""
    if ctx.package == "main":
        return None
    exported = [text(n) for m in accessors
                if (n := m.child_by_field_name("name")) is not None and text(n)[:1].isupper()]
    if exported:
        return f"`{exported[0]}` is exported: other packages may call it"
    if not field.name[:1].isupper():
        return None
    view = ctx.package_view
    module = view.module
    import_path = module.import_path(view) if module is not None else None
    if module is None or import_path is None or "internal" not in import_path.split("/"):
        return f"`{field.owner}.{field.name}` is exported: other packages may use it"
    for directory in module.importers(import_path):
        if directory != view.directory and \
                any(field.name.encode() in data for data in module.package_in(directory).texts()):
            return f"`{field.name}` is named in {directory}"
    return None


def place(ctx: FileModel, file: FileModel, node: Node) -> str:
    """`line 12`, or `server.go:12` in another file of the package, for messages."""
    if file.path == ctx.path:
        return f"line {node.start_point[0] + 1}"
    return f"{os.path.basename(file.path)}:{node.start_point[0] + 1}"


def _function_name(file: FileModel, node: Node) -> str:
    function = file.enclosing_function(node)
    return file.function_name(function) if function is not None else "?"


def _position(site: FieldSite) -> tuple[str, int]:
    """Files of one package share a directory: the name orders them whatever the path's form."""
    return os.path.basename(site.file.path), site.node.start_byte


def _climb(node: Node) -> tuple[Node, Node | None]:
    child, parent = node, node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        child, parent = parent, parent.parent
    return child, parent


def _is_package(file: FileModel, operand: Node) -> bool:
    return operand.type == "identifier" and file.package_of(operand) is not None


def _operator(node: Node) -> str:
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else ""
