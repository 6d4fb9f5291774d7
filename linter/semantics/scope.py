"""Definitions and uses of local names in a function, with shadowing and closures.

Built once per outermost function (a declaration, or a function literal at package level), so
closures see the variables of the functions around them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from tree_sitter import Node, Query, QueryCursor

from leakgate.semantics.syntax import FUNCTION_TYPES, node_key, text
from leakgate.source import GO

SCOPE_TYPES = frozenset({
    "block", "if_statement", "for_statement", "expression_switch_statement",
    "type_switch_statement", "expression_case", "default_case", "type_case",
    "communication_case", "function_declaration", "method_declaration", "func_literal",
})

# tree-sitter-go gives the predeclared identifiers node types of their own; Go lets code
# shadow them (`false := true`), so they are names here like any identifier.
NAME_TYPES = frozenset({"identifier", "true", "false", "nil", "iota"})

_NAME, _DECLARATION, _SCOPE, _FUNCTION = 1, 2, 4, 8
_ROLE_RANK = {"name": _NAME, "declaration": _DECLARATION, "scope": _SCOPE, "function": _FUNCTION}
_COLLECT = Query(GO, """
[(identifier) (true) (false) (nil) (iota)] @name
[(function_declaration) (method_declaration) (func_literal)] @function
[(block) (if_statement) (for_statement) (expression_switch_statement) (type_switch_statement)
 (expression_case) (default_case) (type_case) (communication_case)] @scope
[(short_var_declaration) (var_spec) (const_spec) (range_clause) (receive_statement)
 (type_switch_statement)] @declaration
""")

_PARAMETER_KINDS = frozenset({"param", "result", "receiver"})

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


def _start(node: Node) -> int:
    return node.start_byte


class FunctionScopes:
    """Local definitions of one outermost function and the resolution of its identifiers.

    Built in one top-down pass that carries the current function and scope, and resolved by
    byte-range containment: tree-sitter nodes keep no parent pointer (each `.parent` walks
    down from the root), so nothing here climbs ancestors per node.
    """

    def __init__(self, root: Node) -> None:
        self.root = root
        self.definitions: list[Definition] = []
        self.functions: list[Node] = []  # the root and every function literal in it
        self._by_name: dict[str, list[Definition]] = defaultdict(list)
        self._by_ident: dict[tuple[int, int, int], Definition] = {}
        self.identifiers: dict[str, list[Node]] = defaultdict(list)
        self._resolved: dict[tuple[int, int, int], Definition | None] = {}
        self._collect()
        self._function_starts = [f.start_byte for f in self.functions]

    # --- building -------------------------------------------------------------------------
    def _define(self, ident: Node, kind: str, scope: Node, visible_from: int,
                function: Node, statement: Node, body_of: Node | None = None) -> None:
        name = text(ident)
        if name == "_" or ident.type not in NAME_TYPES:
            return
        if kind == "short":
            # `a, err := f()` only declares the names not yet declared in the same scope;
            # a function's parameters and results are in the scope of its body.
            for existing in self._by_name[name]:
                if (existing.scope == scope or (body_of is not None and existing.scope == body_of
                                                and existing.kind in _PARAMETER_KINDS)) \
                        and existing.visible_from <= ident.start_byte:
                    self._by_ident[node_key(ident)] = existing
                    return
        definition = Definition(name, ident, kind, scope, visible_from, function, statement)
        self.definitions.append(definition)
        self._by_name[name].append(definition)
        self._by_ident[node_key(ident)] = definition

    def _collect(self) -> None:
        """One C query finds names, functions, scopes and declarations; a sweep in source
        order keeps stacks of the open functions and scopes (a scope that is a function's body
        block also remembers that function, for `:=` next to parameters)."""
        captured = QueryCursor(_COLLECT).captures(self.root)
        identifiers = self.identifiers
        names = sorted(captured.get("name", ()), key=_start)  # leaves: no stack needed
        for node in names:
            identifiers[text(node)].append(node)
        roles: dict[tuple[int, int, int], tuple[Node, int]] = {}
        for role in ("function", "scope", "declaration"):
            rank = _ROLE_RANK[role]
            for node in captured.get(role, ()):
                key = node_key(node)
                known = roles.get(key)
                roles[key] = (node, rank if known is None else known[1] | rank)
        ordered = sorted(roles.values(), key=lambda e: (e[0].start_byte, -e[0].end_byte,
                                                        -e[1]))
        root = self.root
        functions: list[Node] = [root]
        scopes: list[tuple[Node, Node | None]] = [(root, None)]
        if root.type in FUNCTION_TYPES:
            self.functions.append(root)
            self._collect_parameters(root)
        root_key = node_key(root)
        for node, rank in ordered:
            if node_key(node) == root_key:
                continue
            position = node.start_byte
            while len(scopes) > 1 and scopes[-1][0].end_byte <= position:
                scopes.pop()
            while len(functions) > 1 and functions[-1].end_byte <= position:
                functions.pop()
            function = functions[-1]
            scope, body_of = scopes[-1]
            kind = node.type
            if rank & _DECLARATION:
                self._declare(node, kind, function, scope, body_of)
            if rank & _FUNCTION:
                self.functions.append(node)
                self._collect_parameters(node)
                functions.append(node)
                scopes.append((node, None))
            elif rank & _SCOPE:
                opener = None
                if kind == "block" and function.type in FUNCTION_TYPES:
                    body = function.child_by_field_name("body")
                    if body is not None and node_key(body) == node_key(node):
                        opener = function
                scopes.append((node, opener))
        self.functions.sort(key=lambda f: f.start_byte)

    def _declare(self, node: Node, kind: str, function: Node, scope: Node,
                 body_of: Node | None) -> None:
        if kind == "short_var_declaration":
            left = node.child_by_field_name("left")
            for ident in left.named_children if left is not None else []:
                self._define(ident, "short", scope, node.end_byte, function, node, body_of)
        elif kind in ("var_spec", "const_spec"):
            if scope == self.root and self.root.type not in FUNCTION_TYPES:
                return  # package level: not a local
            for ident in node.children_by_field_name("name"):
                self._define(ident, "var" if kind == "var_spec" else "const", scope,
                             node.end_byte, function, node)
        elif kind in ("range_clause", "receive_statement"):
            if not any(c.type == ":=" for c in node.children):
                return
            left = node.child_by_field_name("left")
            for ident in left.named_children if left is not None else []:
                self._define(ident, "range" if kind == "range_clause" else "recv", scope,
                             node.end_byte, function, node)
        elif kind == "type_switch_statement":
            alias = node.child_by_field_name("alias")
            value = node.child_by_field_name("value")
            for ident in alias.named_children if alias is not None else []:
                self._define(ident, "typeswitch", node,
                             value.end_byte if value is not None else node.start_byte,
                             function, node)

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

    # --- queries --------------------------------------------------------------------------
    def definition_at(self, ident: Node) -> Definition | None:
        """The definition an identifier declares, if it is a defining occurrence."""
        return self._by_ident.get(node_key(ident))

    def resolve(self, ident: Node) -> Definition | None:
        """The local definition an identifier refers to; None for package-level names,
        imports and builtins. Scopes nest, so the innermost scope containing the identifier
        (largest start, then smallest end) holds the visible definition."""
        key = node_key(ident)
        if key in self._resolved:
            return self._resolved[key]
        result = self._by_ident.get(key)
        if result is None:
            position = ident.start_byte
            best_key: tuple[int, int, int] | None = None
            for candidate in self._by_name.get(text(ident), ()):
                scope = candidate.scope
                if candidate.visible_from <= position and \
                        scope.start_byte <= position < scope.end_byte:
                    rank = (scope.start_byte, -scope.end_byte, candidate.visible_from)
                    if best_key is None or rank > best_key:
                        best_key, result = rank, candidate
        self._resolved[key] = result
        return result

    def function_of(self, node: Node) -> Node:
        """The innermost function (of this root) containing ``node``; a function node's own
        enclosing function when ``node`` is one."""
        index = bisect.bisect_right(self._function_starts, node.start_byte) - 1
        while index >= 0:
            function = self.functions[index]
            if function.start_byte <= node.start_byte and node.end_byte <= function.end_byte \
                    and not (function.start_byte == node.start_byte
                             and function.end_byte == node.end_byte and index > 0):
                return function
            index -= 1
        return self.root

    def uses(self, definition: Definition) -> list[Node]:
        """Every identifier that refers to ``definition`` (assignments included), in source
        order, excluding the defining identifier itself."""
        own = node_key(definition.node)
        return [ident for ident in self.identifiers.get(definition.name, ())
                if node_key(ident) != own and self.resolve(ident) is definition]
