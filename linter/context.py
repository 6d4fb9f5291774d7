"""What a rule sees of one file: the source plus lazily computed, cached semantics."""

from __future__ import annotations

from functools import cached_property

from tree_sitter import Node, Query, QueryCursor

from leakgate.findings import Finding, Fix, Level, Location, Notification, Rule
from leakgate.semantics.cfg import CFG, TooComplex
from leakgate.semantics.imports import Imports
from leakgate.semantics.scope import Definition, FunctionScopes
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    call_callee,
    descendants,
    node_key,
    text,
)
from leakgate.source import GO, SourceFile

_SELECTOR_CALLS = Query(GO, """
(call_expression
  function: (selector_expression
    operand: (_) @operand
    field: (field_identifier) @name)) @call
""")
_FUNCTIONS = Query(GO, "[(function_declaration) (method_declaration) (func_literal)] @function")
_GO_STATEMENTS = Query(GO, "(go_statement) @go")

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


def _matches(query: Query, node: Node) -> list[dict[str, list[Node]]]:
    return [captures for _, captures in QueryCursor(query).matches(node)]


class FileContext:
    def __init__(self, source: SourceFile, go_version: tuple[int, int] | None = None) -> None:
        self.source = source
        self.go_version = go_version
        self.findings: list[Finding] = []
        self.notifications: list[Notification] = []
        self.rule: Rule | None = None
        self._scopes: dict[tuple[int, int, int], FunctionScopes] = {}
        self._cfgs: dict[tuple[int, int, int], CFG | None] = {}

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

    def go_at_least(self, major: int, minor: int) -> bool:
        """True when the target Go version is known and at least major.minor."""
        return self.go_version is not None and self.go_version >= (major, minor)

    @cached_property
    def imports(self) -> Imports:
        return Imports.of(self.source.root)

    @cached_property
    def functions(self) -> list[Node]:
        return [m["function"][0] for m in _matches(_FUNCTIONS, self.source.root)]

    @cached_property
    def go_statements(self) -> list[Node]:
        return [m["go"][0] for m in _matches(_GO_STATEMENTS, self.source.root)]

    @cached_property
    def _selector_calls(self) -> dict[str, list[tuple[Node, Node]]]:
        """Selector calls `x.Name(...)` by Name: (call, operand expression)."""
        calls: dict[str, list[tuple[Node, Node]]] = {}
        for match in _matches(_SELECTOR_CALLS, self.source.root):
            name = text(match["name"][0])
            calls.setdefault(name, []).append((match["call"][0], match["operand"][0]))
        return calls

    # --- names --------------------------------------------------------------------------------
    def scopes(self, node: Node) -> FunctionScopes:
        """The scopes of the outermost function around ``node`` (or ``node`` itself)."""
        outermost = node if node.type in FUNCTION_TYPES else None
        for parent in ancestors(node):
            if parent.type in FUNCTION_TYPES:
                outermost = parent
        if outermost is None:
            outermost = self.source.root
        key = node_key(outermost)
        if key not in self._scopes:
            self._scopes[key] = FunctionScopes(outermost)
        return self._scopes[key]

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
        if path in self.imports.dot:  # dot imports are rare: a slower search is fine
            found.extend(self._dot_calls(path, names))
        found.sort(key=lambda pair: pair[0].start_byte)
        return found

    def _dot_calls(self, path: str, names: set[str] | frozenset[str]) -> list[tuple[Node, str]]:
        if self.imports.sole_dot_import() != path:
            return []
        result = []
        for call in descendants(self.source.root, frozenset({"call_expression"})):
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
        """The expression a `:=` or `var x = ...` definition is initialised with, if any."""
        statement = definition.statement
        if statement.type == "short_var_declaration":
            left = statement.child_by_field_name("left")
            right = statement.child_by_field_name("right")
        elif statement.type == "var_spec":
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
                    Level.WARNING, blocks_analysis=False))
        return self._cfgs[key]

    def function_name(self, function: Node | None) -> str:
        """`Name`, `(T).Name`, or `Name.func1`-style names for literals (for fingerprints)."""
        if function is None:
            return ""
        if function.type == "func_literal":
            outer = None
            for parent in ancestors(function):
                if parent.type in ("function_declaration", "method_declaration"):
                    outer = parent
                    break
            return f"{self.function_name(outer)}.func" if outer is not None else "func"
        name = function.child_by_field_name("name")
        return text(name) if name is not None else ""

    def is_main_main(self, function: Node | None) -> bool:
        return (function is not None and function.type == "function_declaration"
                and self.package == "main" and self.function_name(function) == "main")

    # --- reporting ------------------------------------------------------------------------------
    def report(self, node: Node, message: str, *, rule: Rule | None = None,
               level: Level | None = None, fix: Fix | None = None,
               at_end: bool = False) -> None:
        """Report ``message`` at ``node`` (or at its last character with ``at_end``)."""
        rule = rule or self.rule
        assert rule is not None, "report() outside a rule"
        if at_end:
            start_row, start_col = node.end_point[0], max(node.end_point[1] - 1, 0)
            end_row, end_col = node.end_point
        else:
            (start_row, start_col), (end_row, end_col) = node.start_point, node.end_point
        location = Location(self.path, start_row + 1, start_col + 1, end_row + 1, end_col + 1)
        function = None
        for parent in ancestors(node):
            if parent.type in ("function_declaration", "method_declaration"):
                function = parent
                break
        self.findings.append(Finding(
            rule_id=rule.id, message=message, location=location, level=level or rule.level,
            function=self.function_name(function), fix=fix,
            line_text=self.source.line_text(start_row + 1)))
