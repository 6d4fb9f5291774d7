"""Definitions and uses of local names in a function, with shadowing and closures.

Built once per outermost function (a declaration, or a function literal at package level), so
closures see the variables of the functions around them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.syntax import FUNCTION_TYPES, ancestors, descendants, node_key, text

SCOPE_TYPES = frozenset({
    "block", "if_statement", "for_statement", "expression_switch_statement",
    "type_switch_statement", "expression_case", "default_case", "type_case",
    "communication_case", "function_declaration", "method_declaration", "func_literal",
})

_DECLARING = frozenset({
    "function_declaration", "method_declaration", "func_literal", "short_var_declaration",
    "var_spec", "const_spec", "range_clause", "receive_statement", "type_switch_statement",
})


@dataclass(eq=False)
class Definition:
    """One local name: a parameter, result, variable or constant."""

    name: str
    node: Node  # the defining identifier
    kind: str  # param | result | receiver | var | const | short | range | recv | typeswitch
    scope: Node  # the node whose extent is the name's scope
    visible_from: int  # byte offset where the scope of the name begins
    function: Node  # innermost function the definition belongs to
    statement: Node  # the declaring statement, spec or parameter

    @property
    def line(self) -> int:
        return self.node.start_point[0] + 1

    def type_node(self) -> Node | None:
        """The declared type, when the declaration writes one."""
        return self.statement.child_by_field_name("type")


def _scope_of(statement: Node) -> Node:
    for parent in ancestors(statement):
        if parent.type in SCOPE_TYPES:
            return parent
    return statement


class FunctionScopes:
    """Local definitions of one outermost function and the resolution of its identifiers."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.definitions: list[Definition] = []
        self._by_name: dict[str, list[Definition]] = defaultdict(list)
        self._by_ident: dict[tuple[int, int, int], Definition] = {}
        self.identifiers: dict[str, list[Node]] = defaultdict(list)
        self._resolved: dict[tuple[int, int, int], Definition | None] = {}
        self._collect()

    # --- building -------------------------------------------------------------------------
    def _define(self, ident: Node, kind: str, scope: Node, visible_from: int,
                function: Node, statement: Node) -> None:
        name = text(ident)
        if name == "_" or ident.type != "identifier":
            return
        if kind == "short":
            # `a, err := f()` only declares the names not yet declared in the same scope;
            # a function's parameters and results are in the scope of its body.
            function_scope = scope.parent if scope.parent is not None and \
                scope.parent.type in FUNCTION_TYPES else None
            for existing in self._by_name[name]:
                if (existing.scope == scope or existing.scope == function_scope) \
                        and existing.visible_from <= ident.start_byte:
                    self._by_ident[node_key(ident)] = existing
                    return
        definition = Definition(name, ident, kind, scope, visible_from, function, statement)
        self.definitions.append(definition)
        self._by_name[name].append(definition)
        self._by_ident[node_key(ident)] = definition

    def _collect(self) -> None:
        nodes = [self.root, *descendants(self.root)]
        for node in nodes:
            kind = node.type
            if kind == "identifier":
                self.identifiers[text(node)].append(node)
                continue
            if kind not in _DECLARING:
                continue
            if kind in FUNCTION_TYPES:
                self._collect_parameters(node)
            elif kind == "short_var_declaration":
                left = node.child_by_field_name("left")
                for ident in left.named_children if left is not None else []:
                    self._define(ident, "short", _scope_of(node), node.end_byte,
                                 self._function_of(node), node)
            elif kind in ("var_spec", "const_spec"):
                declaration = node.parent
                while declaration is not None and declaration.type not in (
                        "var_declaration", "const_declaration"):
                    declaration = declaration.parent
                if declaration is None or declaration.parent is None or \
                        declaration.parent.type == "source_file":
                    continue  # package level: not a local
                for ident in node.children_by_field_name("name"):
                    self._define(ident, "var" if kind == "var_spec" else "const",
                                 _scope_of(declaration), node.end_byte,
                                 self._function_of(node), node)
            elif kind in ("range_clause", "receive_statement"):
                if not any(c.type == ":=" for c in node.children):
                    continue
                left = node.child_by_field_name("left")
                scope = _scope_of(node) if kind == "range_clause" else _scope_of(node)
                for ident in left.named_children if left is not None else []:
                    self._define(ident, "range" if kind == "range_clause" else "recv", scope,
                                 node.end_byte, self._function_of(node), node)
            elif kind == "type_switch_statement":
                alias = node.child_by_field_name("alias")
                value = node.child_by_field_name("value")
                for ident in alias.named_children if alias is not None else []:
                    self._define(ident, "typeswitch", node,
                                 value.end_byte if value is not None else node.start_byte,
                                 self._function_of(node), node)

    def _collect_parameters(self, function: Node) -> None:
        body = function.child_by_field_name("body")
        visible = body.start_byte if body is not None else function.end_byte
        fields = (("receiver", "receiver"), ("parameters", "param"), ("result", "result"))
        for field, kind in fields:
            plist = function.child_by_field_name(field)
            if plist is None or plist.type != "parameter_list":
                continue
            for declaration in plist.named_children:
                for ident in declaration.children_by_field_name("name"):
                    self._define(ident, kind, function, visible, function, declaration)

    def _function_of(self, node: Node) -> Node:
        for parent in ancestors(node):
            if parent.type in FUNCTION_TYPES:
                return parent
        return self.root

    # --- queries --------------------------------------------------------------------------
    def definition_at(self, ident: Node) -> Definition | None:
        """The definition an identifier declares, if it is a defining occurrence."""
        return self._by_ident.get(node_key(ident))

    def resolve(self, ident: Node) -> Definition | None:
        """The local definition an identifier refers to; None for package-level names,
        imports and builtins."""
        key = node_key(ident)
        if key in self._resolved:
            return self._resolved[key]
        result = self._by_ident.get(key)
        if result is None:
            candidates = self._by_name.get(text(ident))
            if candidates:
                position = ident.start_byte
                for parent in ancestors(ident):
                    if parent.type not in SCOPE_TYPES:
                        continue
                    best = None
                    for candidate in candidates:
                        if candidate.scope == parent and candidate.visible_from <= position:
                            if best is None or candidate.visible_from > best.visible_from:
                                best = candidate
                    if best is not None:
                        result = best
                        break
                    if parent == self.root:
                        break
        self._resolved[key] = result
        return result

    def is_local(self, ident: Node) -> bool:
        return self.resolve(ident) is not None

    def uses(self, definition: Definition) -> list[Node]:
        """Every identifier that refers to ``definition`` (assignments included), in source
        order, excluding the defining identifier itself."""
        own = node_key(definition.node)
        return [ident for ident in self.identifiers.get(definition.name, ())
                if node_key(ident) != own and self.resolve(ident) is definition]
