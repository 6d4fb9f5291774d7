"""The semantic model of one file: its source and the facts every question starts from (the
shared candidates, imports, scopes, name resolution, control flow), computed lazily and cached.

The engine's FileContext adds reporting on top; the semantics layer sees only this model, so it
never depends on the engine."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar, cast

from tree_sitter import Node, Query, QueryCursor

from leakgate.findings import Level, Notification
from leakgate.semantics.calls import never_returns
from leakgate.semantics.candidates import KINDS, Candidates, locate
from leakgate.semantics.cfg import CFG, TooComplex
from leakgate.semantics.facts import Fact
from leakgate.semantics.imports import Imports
from leakgate.semantics.package import PackageView
from leakgate.semantics.scope import Definition, FunctionScopes
from leakgate.semantics.syntax import (
    call_callee,
    descendants,
    is_assignment_target,
    node_key,
    text,
)
from leakgate.source import GO, SourceFile

# `f := x.Name` (an exported name) alone on a line: a function value bound to a local, if the
# local is called later (cheap byte tests before any tree query).
_FUNCTION_VALUE = re.compile(
    rb"^[ \t]*([A-Za-z_]\w*)[ \t]*:?=[ \t]*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.([A-Z]\w*)[ \t]*"
    rb"(?://[^\n]*)?$",
    re.MULTILINE)

def _matches(query: Query, node: Node) -> list[dict[str, list[Node]]]:
    return [captures for _, captures in QueryCursor(query).matches(node)]


T = TypeVar("T")

_TYPE_QUERIES: dict[tuple[str, ...], Query] = {}
_STARTS: Fact[list[int]] = Fact("start bytes of the nodes of a kind")


def _type_query(types: tuple[str, ...]) -> Query:
    query = _TYPE_QUERIES.get(types)
    if query is None:
        pattern = "[" + " ".join(f"({t})" for t in types) + "] @node"
        query = _TYPE_QUERIES[types] = Query(GO, pattern)
    return query


class FileModel:
    """One parsed file and its cached semantics (see the module docstring)."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.notifications: list[Notification] = []
        self._scopes: dict[tuple[int, int, int], FunctionScopes] = {}
        self._cfgs: dict[tuple[int, int, int], CFG | None] = {}
        self._found: dict[tuple[str, ...], list[Node]] = {}
        self._memo: dict[Fact[Any], object] = {}
        self._package_view: PackageView | None = None
        self._is_test: bool | None = None

    @property
    def package_view(self) -> PackageView:
        """The package this file belongs to (the engine sets it; alone, a package of one)."""
        if self._package_view is None:
            self._package_view = PackageView([self])
        return self._package_view

    @package_view.setter
    def package_view(self, view: PackageView) -> None:
        self._package_view = view

    def join(self, view: PackageView) -> None:
        """Belong to ``view`` unless the file already belongs to a package (a file its package
        parsed for facts asks its questions of that package, not of itself alone)."""
        if self._package_view is None:
            self._package_view = view

    # --- facts about the file ---------------------------------------------------------------
    @property
    def path(self) -> str:
        return self.source.path

    @property
    def package(self) -> str:
        return self.source.package_name

    @property
    def is_test(self) -> bool:
        """Test code (see SourceFile.is_test), or a file of a package that only tests can run
        (ModuleView.only_tests_import: a fake server, fixtures, an integration-test client).
        Known once the file's module is (the engine sets it before any rule asks)."""
        if self._is_test is not None:
            return self._is_test
        if self.source.is_test:
            self._is_test = True
            return True
        if self.package == "main":
            self._is_test = False
            return False
        module = self.package_view.module
        if module is None:
            return False
        self._is_test = module.only_tests_import(self.package_view)
        return self._is_test

    @property
    def is_sample(self) -> bool:
        """Example or generator code (see SourceFile.is_sample)."""
        return self.source.is_sample

    @cached_property
    def imports(self) -> Imports:
        return Imports.of(self.source.root)

    @cached_property
    def candidates(self) -> Candidates:
        """The selector calls, channel makes, functions and statements every shared question
        starts from (located from the bytes: see candidates.py)."""
        return locate(self.source.data, self.source.root)

    @cached_property
    def functions(self) -> list[Node]:
        return self.find("function")

    def find(self, *types: str) -> list[Node]:
        """Nodes of the given types in source order, found by tree-sitter's query engine and
        cached per file (from the shared candidates when the query covers them)."""
        if len(types) == 1 and types[0] in KINDS:
            return self.candidates.by_kind[types[0]]
        key = tuple(sorted(types))
        cached = self._found.get(key)
        if cached is None:
            nodes = [m["node"][0] for m in _matches(_type_query(key), self.source.root)]
            nodes.sort(key=lambda n: n.start_byte)
            cached = self._found[key] = nodes
        return cached

    def inside(self, node: Node, kind: str) -> Node | None:
        """The innermost node of type ``kind`` that strictly contains ``node``, found by byte
        range among query candidates (no climb up the tree)."""
        holders = self.find(kind)
        starts = self.memo(_STARTS.about(kind), lambda: [h.start_byte for h in holders])
        index = bisect.bisect_right(starts, node.start_byte) - 1
        while index >= 0:
            holder = holders[index]
            if holder.start_byte <= node.start_byte and node.end_byte <= holder.end_byte and \
                    (holder.start_byte, holder.end_byte) != (node.start_byte, node.end_byte):
                return holder
            index -= 1
        return None

    def memo(self, key: Fact[T], compute: Callable[[], T]) -> T:
        """A per-file cache for facts several rules share (computed on first request), under
        a typed key (see facts.py)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @cached_property
    def function_declarations(self) -> dict[str, Node]:
        """Plain (non-method) functions declared in this file, by name."""
        found: dict[str, Node] = {}
        for node in self.source.root.children:
            if node.type == "function_declaration":
                name = node.child_by_field_name("name")
                if name is not None:
                    found.setdefault(text(name), node)
        return found

    @cached_property
    def go_statements(self) -> list[Node]:
        return self.find("go_statement")

    @cached_property
    def _selector_calls(self) -> dict[str, list[tuple[Node, Node]]]:
        """Selector calls `x.Name(...)` by Name: (call, operand expression). `method_calls`
        and `calls_to` add the calls of a local bound once to such a function value (`get :=
        http.Get`, `m := client.Get`, then `get(url)`), under the same Name and operand."""
        calls: dict[str, list[tuple[Node, Node]]] = {}
        for call, operand, name in self.candidates.selector_calls:
            calls.setdefault(text(name), []).append((call, operand))
        return calls

    @cached_property
    def _aliased_names(self) -> frozenset[str]:
        """The Names of `f := x.Name` lines whose local is called later (a byte search)."""
        data = self.source.data
        bound = {m.group(1): m.group(2) for m in _FUNCTION_VALUE.finditer(data)}
        if not bound:
            return frozenset()
        called = set(re.findall(rb"\b(" + b"|".join(map(re.escape, sorted(bound))) + rb")\(",
                                data))
        return frozenset(bound[name].decode() for name in called)

    def _selector_calls_of(self, name: str) -> list[tuple[Node, Node]]:
        """`x.name(...)` calls, and calls of locals bound to `x.name`, in source order."""
        direct = self._selector_calls.get(name, [])
        if name not in self._aliased_names:
            return list(direct)
        aliased = [(call, operand) for call, operand, named in self._alias_calls
                   if named == name]
        return sorted([*direct, *aliased], key=lambda pair: pair[0].start_byte)

    @cached_property
    def _alias_calls(self) -> list[tuple[Node, Node, str]]:
        """(call, operand, Name) for calls `f(...)` of a local `f := x.Name` never assigned
        again."""
        found = []
        for statement in self.find("short_var_declaration", "var_spec"):
            left = statement.child_by_field_name("left")
            names = left.named_children if left is not None else \
                statement.children_by_field_name("name")
            right = statement.child_by_field_name("right") or \
                statement.child_by_field_name("value")
            values = right.named_children if right is not None and \
                right.type == "expression_list" else [right] if right is not None else []
            if len(names) != 1 or len(values) != 1 or values[0].type != "selector_expression":
                continue
            operand = values[0].child_by_field_name("operand")
            field = values[0].child_by_field_name("field")
            definition = self.resolve(names[0])
            if operand is None or field is None or definition is None:
                continue
            uses = self.scopes(names[0]).uses(definition)
            if any(is_assignment_target(use) for use in uses):
                continue
            for use in uses:
                holder = use.parent
                if holder is not None and holder.type == "call_expression" and \
                        holder.child_by_field_name("function") == use:
                    found.append((holder, operand, text(field)))
        return found

    # --- names --------------------------------------------------------------------------------
    @cached_property
    def _top_level(self) -> tuple[list[int], list[Node]]:
        declarations = [c for c in self.source.root.children if c.is_named]
        return [d.start_byte for d in declarations], declarations

    def outermost_function(self, node: Node) -> Node | None:
        """The top-level function, method or package-level function literal around ``node``
        (found by byte range: climbing `.parent` costs the tree's depth per step)."""
        starts, declarations = self._top_level
        index = bisect.bisect_right(starts, node.start_byte) - 1
        if index < 0:
            return None
        declaration = declarations[index]
        if node.end_byte > declaration.end_byte:
            return None
        if declaration.type in ("function_declaration", "method_declaration"):
            return declaration
        for literal in descendants(declaration, frozenset({"func_literal"}),
                                   into_functions=False):
            if literal.start_byte <= node.start_byte and node.end_byte <= literal.end_byte:
                return literal
        return None

    def scopes(self, node: Node) -> FunctionScopes:
        """The scopes of the outermost function around ``node`` (or ``node`` itself)."""
        outermost = self.outermost_function(node) or self.source.root
        key = node_key(outermost)
        if key not in self._scopes:
            self._scopes[key] = FunctionScopes(outermost)
        return self._scopes[key]

    def enclosing_function(self, node: Node) -> Node | None:
        """The innermost function around ``node`` (a function's own enclosing one)."""
        outermost = self.outermost_function(node)
        if outermost is None:
            return None
        if outermost.start_byte == node.start_byte and outermost.end_byte == node.end_byte:
            return None
        return self.scopes(outermost).function_of(node)

    def resolve(self, ident: Node) -> Definition | None:
        return self.scopes(ident).resolve(ident)

    def package_of(self, ident: Node) -> str | None:
        """The import path a package identifier refers to, unless a local shadows it."""
        path = self.imports.path_of(text(ident))
        if path is None or self.resolve(ident) is not None:
            return None
        return path

    def package_call(self, call: Node) -> tuple[str, str] | None:
        """(import path, name) when ``call`` calls a package-level function of an import:
        `http.Get(...)`, `nethttp.Get(...)`, or `Get(...)` with net/http dot-imported."""
        operand, name = call_callee(call)
        if operand is None:
            function = call.child_by_field_name("function")
            dot = self.imports.sole_dot_import()
            if dot is None or function is None or function.type != "identifier":
                return None
            if self.resolve(function) is not None:
                return None
            return dot, name
        if operand.type != "identifier":
            return None
        path = self.package_of(operand)
        return (path, name) if path is not None else None

    def method_calls(self, name: str) -> list[tuple[Node, Node]]:
        """Calls `x.name(...)` for any receiver expression x: (call, receiver)."""
        return self._selector_calls_of(name)

    def calls_to(self, path: str, names: set[str] | frozenset[str]) -> list[tuple[Node, str]]:
        """Calls of `path.Name` for Name in ``names``, in source order."""
        found: list[tuple[Node, str]] = []
        local_names = set(self.imports.names_of(path))
        if local_names:
            for name in names:
                for call, operand in self._selector_calls_of(name):
                    if operand.type == "identifier" and text(operand) in local_names \
                            and self.resolve(operand) is None:
                        found.append((call, name))
        if path in self.imports.dot:
            found.extend(self._dot_calls(path, names))
        found.sort(key=lambda pair: pair[0].start_byte)
        return found

    def _dot_calls(self, path: str, names: set[str] | frozenset[str]) -> list[tuple[Node, str]]:
        if self.imports.sole_dot_import() != path:
            return []
        result = []
        for call in self.find("call_expression"):
            function = call.child_by_field_name("function")
            if function is not None and function.type == "identifier" and \
                    text(function) in names and self.resolve(function) is None:
                result.append((call, text(function)))
        return result

    def is_qualified(self, node: Node | None, path: str, name: str) -> bool:
        """Whether a type or expression node names `path.name` (`pkg.Name`, alias or dot)."""
        if node is None:
            return False
        if node.type in ("qualified_type", "selector_expression"):
            package = node.child_by_field_name("package") or node.child_by_field_name("operand")
            member = node.child_by_field_name("name") or node.child_by_field_name("field")
            if package is None or member is None or text(member) != name:
                return False
            return self.imports.path_of(text(package)) == path and (
                package.type != "identifier" or self.resolve(package) is None)
        if node.type in ("type_identifier", "identifier") and text(node) == name:
            return self.imports.sole_dot_import() == path
        return False

    # --- control flow ---------------------------------------------------------------------------
    def cfg(self, function: Node) -> CFG | None:
        key = node_key(function)
        if key not in self._cfgs:
            try:
                from leakgate.semantics.timers import ranges_ticks  # timers reads models

                self._cfgs[key] = CFG(function, self.never_returns,
                                      lambda clause: ranges_ticks(self, clause))
            except TooComplex as error:
                self._cfgs[key] = None
                line = function.start_point[0] + 1
                self.notifications.append(Notification(
                    self.path, f"function at line {line} not analysed: {error}",
                    Level.WARNING, blocks_analysis=False, line=line, partial=True))
        return self._cfgs[key]

    def function_name(self, function: Node | None) -> str:
        """`Name`, or `Name.func` for literals inside it (for messages and fingerprints)."""
        if function is None:
            return ""
        if function.type == "func_literal":
            outer = self.outermost_function(function)
            if outer is None or outer.type == "func_literal":
                return "func"
            return f"{self.function_name(outer)}.func"
        name = function.child_by_field_name("name")
        return text(name) if name is not None else ""

    def is_main_main(self, function: Node | None) -> bool:
        return (function is not None and function.type == "function_declaration"
                and self.package == "main" and self.function_name(function) == "main")

    def never_returns(self, call: Node) -> bool:
        """Whether ``call`` never returns (`panic`, `os.Exit`, `log.Fatal`, `t.FailNow`)."""
        return never_returns(self, call)
