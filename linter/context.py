"""What a rule sees of one file: the source plus lazily computed, cached semantics."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property
from typing import TypeVar, cast

from tree_sitter import Node, Query, QueryCursor

from leakgate.findings import Finding, Fix, Level, Location, Notification, Related, Rule
from leakgate.goversion import Feature
from leakgate.semantics.cfg import CFG, TooComplex
from leakgate.semantics.imports import Imports
from leakgate.semantics.package import PackageView
from leakgate.semantics.scope import Definition, FunctionScopes
from leakgate.semantics.syntax import (
    call_callee,
    descendants,
    node_key,
    text,
)
from leakgate.source import GO, SourceFile

# One traversal of a file's tree finds the candidates of every shared question; each pattern's
# first capture names its list (see FileContext.candidates).
_CANDIDATES = Query(GO, """
(call_expression
  function: (selector_expression
    operand: (_) @selector.operand
    field: (field_identifier) @selector.name)) @selector
(call_expression
  function: (identifier) @make.function
  arguments: (argument_list . (channel_type))) @make
[(function_declaration) (method_declaration) (func_literal)] @function
(go_statement) @go_statement
(for_statement) @for_statement
(select_statement) @select_statement
(var_spec type: (channel_type)) @chan_var
(send_statement) @send_statement
""")
_CANDIDATE_KINDS = ("selector", "make", "function", "go_statement", "for_statement",
                    "select_statement", "chan_var", "send_statement")

# Package functions that never return.
_NO_RETURN_FUNCS = {
    "os": {"Exit"},
    "log": {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"},
    "runtime": {"Goexit"},
    "syscall": {"Exit"},
}
# Methods that never return whatever the receiver: testing.TB's, and every logger's Fatal.
_NO_RETURN_METHODS = {"FailNow", "SkipNow", "Fatal", "Fatalf", "Fatalln"}
# testing.TB methods that never return, but whose names are common elsewhere (Reader.Skip).
_TESTING_ONLY_METHODS = {"Skip", "Skipf"}
# What a service's main package does somewhere: listen, or run an HTTP or gRPC server.
_SERVES = re.compile(rb"\bListenAndServe(?:TLS)?\(|\.Serve(?:TLS)?\(|\bhttp\.Server\s*\{|"
                     rb"\bgrpc\.NewServer\(|\bnet\.Listen\(")
# testing.TB methods that mark the test failed and go on.
_TEST_FAILURE_METHODS = {"Error", "Errorf", "Fail"}


def _matches(query: Query, node: Node) -> list[dict[str, list[Node]]]:
    return [captures for _, captures in QueryCursor(query).matches(node)]


T = TypeVar("T")

_TYPE_QUERIES: dict[tuple[str, ...], Query] = {}


def _type_query(types: tuple[str, ...]) -> Query:
    query = _TYPE_QUERIES.get(types)
    if query is None:
        pattern = "[" + " ".join(f"({t})" for t in types) + "] @node"
        query = _TYPE_QUERIES[types] = Query(GO, pattern)
    return query


class FileContext:
    def __init__(self, source: SourceFile, go_version: tuple[int, int] | None = None) -> None:
        self.source = source
        self.go_version = go_version
        self.findings: list[Finding] = []
        self.notifications: list[Notification] = []
        self.rule: Rule | None = None
        self._scopes: dict[tuple[int, int, int], FunctionScopes] = {}
        self._cfgs: dict[tuple[int, int, int], CFG | None] = {}
        self._found: dict[tuple[str, ...], list[Node]] = {}
        self._memo: dict[str, object] = {}
        self._package_view: PackageView | None = None
        self.assumed: set[str] = set()  # features taken as absent for an unknown version

    @property
    def package_view(self) -> PackageView:
        """The package this file belongs to (the engine sets it; alone, a package of one)."""
        if self._package_view is None:
            self._package_view = PackageView([self])
        return self._package_view

    @package_view.setter
    def package_view(self, view: PackageView) -> None:
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
        return self.source.is_test

    @property
    def is_sample(self) -> bool:
        """Example or generator code (see SourceFile.is_sample)."""
        return self.source.is_sample

    def has(self, feature: Feature) -> bool:
        """Whether the target Go version has ``feature``; an unknown version does not, and
        the run then says once that it assumed so (see ``assumed``)."""
        holds = feature.holds(self.go_version)
        if holds is None:
            self.assumed.add(feature.name)
        return bool(holds)

    @cached_property
    def imports(self) -> Imports:
        return Imports.of(self.source.root)

    @cached_property
    def candidates(self) -> dict[str, list[dict[str, list[Node]]]]:
        """Matches of the shared candidates query by kind, in source order: `selector`
        (`x.Name(...)` calls), `make` (`make(chan ...)`), `function`, `go_statement`,
        `for_statement`, `select_statement`, `chan_var` (`var c chan T`) and
        `send_statement`."""
        found: dict[str, list[dict[str, list[Node]]]] = {k: [] for k in _CANDIDATE_KINDS}
        for captures in _matches(_CANDIDATES, self.source.root):
            for kind in _CANDIDATE_KINDS:
                if kind in captures:
                    found[kind].append(captures)
                    break
        for kind, matches in found.items():
            matches.sort(key=lambda m, k=kind: m[k][0].start_byte)  # type: ignore[misc]
        return found

    @cached_property
    def functions(self) -> list[Node]:
        return self.find("function")

    def find(self, *types: str) -> list[Node]:
        """Nodes of the given types in source order, found by tree-sitter's query engine and
        cached per file (from the shared candidates when the query covers them)."""
        if len(types) == 1 and types[0] in self.candidates:
            return [m[types[0]][0] for m in self.candidates[types[0]]]
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
        starts = self.memo(f"starts.{kind}", lambda: [h.start_byte for h in holders])
        index = bisect.bisect_right(starts, node.start_byte) - 1
        while index >= 0:
            holder = holders[index]
            if holder.start_byte <= node.start_byte and node.end_byte <= holder.end_byte and \
                    (holder.start_byte, holder.end_byte) != (node.start_byte, node.end_byte):
                return holder
            index -= 1
        return None

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A per-file cache for facts several rules share (computed on first request)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def context_parameters(self, function: Node) -> list[tuple[Definition, bool]]:
        """Named parameters of ``function`` that carry a caller's context:
        (definition, is_request) for `context.Context` and `*http.Request` parameters."""
        found = []
        for definition in self.scopes(function).definitions:
            if definition.kind != "param" or definition.function != function:
                continue
            type_node = definition.type_node()
            if type_node is None:
                continue
            if self.is_qualified(type_node, "context", "Context"):
                found.append((definition, False))
            elif type_node.type == "pointer_type" and type_node.named_child_count and \
                    self.is_qualified(type_node.named_children[-1], "net/http", "Request"):
                found.append((definition, True))
        return found

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
        """Selector calls `x.Name(...)` by Name: (call, operand expression)."""
        calls: dict[str, list[tuple[Node, Node]]] = {}
        for match in self.candidates["selector"]:
            name = text(match["selector.name"][0])
            calls.setdefault(name, []).append((match["selector"][0], match["selector.operand"][0]))
        return calls

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
        return list(self._selector_calls.get(name, ()))

    def calls_to(self, path: str, names: set[str] | frozenset[str]) -> list[tuple[Node, str]]:
        """Calls of `path.Name` for Name in ``names``, in source order."""
        found: list[tuple[Node, str]] = []
        local_names = set(self.imports.names_of(path))
        if local_names:
            for name in names:
                for call, operand in self._selector_calls.get(name, ()):
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

    def local_has_type(self, definition: Definition, path: str, name: str) -> bool:
        """Whether a local is declared as `path.name` / `*path.name`, or initialised from a
        `path.name{...}` literal, `&path.name{...}`, `new(path.name)` or `path.Default<name>`."""
        type_node = definition.type_node()
        if type_node is not None:
            while type_node.type in ("pointer_type", "parenthesized_type"):
                inner = type_node.named_children[-1] if type_node.named_child_count else None
                if inner is None:
                    break
                type_node = inner
            return self.is_qualified(type_node, path, name)
        value = self.initial_value(definition)
        while value is not None and value.type in ("unary_expression", "parenthesized_expression"):
            value = value.named_children[-1] if value.named_child_count else None
        if value is None:
            return False
        if value.type == "composite_literal":
            return self.is_qualified(value.child_by_field_name("type"), path, name)
        if value.type == "call_expression":
            function = value.child_by_field_name("function")
            arguments = value.child_by_field_name("arguments")
            if function is not None and text(function) == "new" and arguments is not None \
                    and arguments.named_child_count == 1:
                return self.is_qualified(arguments.named_children[0], path, name)
            return False
        return self.is_qualified(value, path, f"Default{name}")

    def initial_value(self, definition: Definition) -> Node | None:
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

    def is_no_return(self, call: Node) -> bool:
        operand, name = call_callee(call)
        if operand is None:
            function = call.child_by_field_name("function")
            return name == "panic" and function is not None and self.resolve(function) is None
        qualified = self.package_call(call)
        if qualified is not None:
            # Every logging package's Fatal exits (log, logrus, klog, glog ...).
            return qualified[1] in _NO_RETURN_FUNCS.get(qualified[0], ()) or \
                qualified[1] in _NO_RETURN_METHODS - {"FailNow", "SkipNow"}
        if name in _NO_RETURN_METHODS:
            return True
        if name in _TESTING_ONLY_METHODS:
            return self._is_testing_value(operand)
        return False

    def fails_test(self, statement: Node) -> bool:
        """`t.Error(...)`, `t.Errorf(...)`, `t.Fail()` on a testing value: what follows runs
        in a test that has already failed."""
        if statement.type != "expression_statement" or not statement.named_child_count:
            return False
        call = statement.named_children[0]
        if call.type != "call_expression":
            return False
        operand, name = call_callee(call)
        return name in _TEST_FAILURE_METHODS and operand is not None and \
            self._is_testing_value(operand)

    def _is_testing_value(self, node: Node) -> bool:
        if node.type == "identifier":
            definition = self.resolve(node)
            type_node = definition.type_node() if definition is not None else None
            return type_node is not None and "testing." in text(type_node)
        return text(node).startswith("new(testing.")

    # --- control flow ---------------------------------------------------------------------------
    def cfg(self, function: Node) -> CFG | None:
        key = node_key(function)
        if key not in self._cfgs:
            try:
                self._cfgs[key] = CFG(function, self.is_no_return)
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

    @property
    def _main_serves(self) -> bool:
        """The main package runs a server (a listener, an HTTP or gRPC server) in any of its
        files: a service, whose helpers run for every request, not a command-line program."""

        def compute() -> bool:
            return any(_SERVES.search(data) for data in self.package_view.texts())

        return bool(self.package_view.fact("main package serves", compute))

    def in_command_line_program(self, node: Node) -> bool:
        """``node`` is in a `main` package that runs no server, where no context is at hand
        (no `context.Context` or `*http.Request` parameter on the way in): a command-line
        program's code, run once per process, which Ctrl-C ends and whose leaks end with the
        process. A handler, a function handed a context, and any code of a `main` package that
        listens or serves are service code like any other."""
        if self.package != "main" or self._main_serves:
            return False
        function = self.enclosing_function(node)
        while function is not None:
            parameters = function.child_by_field_name("parameters")
            for declaration in parameters.named_children if parameters is not None else []:
                kind = declaration.child_by_field_name("type")
                if kind is not None and kind.type == "pointer_type" and kind.named_child_count:
                    if self.is_qualified(kind.named_children[0], "net/http", "Request"):
                        return False
                elif self.is_qualified(kind, "context", "Context"):
                    return False
            function = self.enclosing_function(function)
        return True

    # --- reporting ------------------------------------------------------------------------------
    def _location(self, node: Node, at_end: bool) -> Location:
        if at_end:
            start_row, start_col = node.end_point[0], max(node.end_point[1] - 1, 0)
            end_row, end_col = node.end_point
        else:
            (start_row, start_col), (end_row, end_col) = node.start_point, node.end_point
        return Location(self.path, start_row + 1, start_col + 1, end_row + 1, end_col + 1)

    def report(self, node: Node, message: str, *, rule: Rule | None = None,
               level: Level | None = None, fix: Fix | None = None,
               at_end: bool = False,
               related: list[tuple[Node, str, bool]] | None = None) -> None:
        """Report ``message`` at ``node`` (or at its last character with ``at_end``);
        ``related`` places belong to the same finding: (node, message, at_end)."""
        rule = rule or self.rule
        assert rule is not None, "report() outside a rule"
        location = self._location(node, at_end)
        start_row = location.line - 1
        function = self.outermost_function(node)
        if function is not None and function.type == "func_literal":
            function = None
        self.findings.append(Finding(
            rule_id=rule.id, message=message, location=location, level=level or rule.level,
            function=self.function_name(function), fix=fix,
            line_text=self.source.line_text(start_row + 1),
            related=tuple(Related(self._location(place, end), text_of)
                          for place, text_of, end in related or ())))
