"""The package view: the files of one package directory seen together.

Rules reason one function at a time, but most real leaks hide behind a call or a field: a
channel closed by a producer in another file, a worker method whose loop ends on `ctx.Done()`, a
request builder whose callers attach the context. This module indexes the package's
declarations (functions, methods by receiver type, struct fields, integer constants), resolves
calls to same-package functions without a type checker, and computes function summaries once
per package. Rules ask it; none walks into a callee itself.

Resolution is syntactic and deliberately modest: `f()` to a package function; `x.m()` when the
type of `x` is written in the syntax (a receiver or parameter declared `T`/`*T`, a local made by
`T{}`, `&T{}`, `new(T)` or a same-package `NewT()` with a declared result, a struct field
declared `*T`), or, as a weaker guess, when `m` names exactly one method in the package.
Unresolved calls are unknown, and rules treat unknown as "could do anything".

The trees of the package's files stay alive while the package is analysed (reparsing them for
a second pass would double the cost of the run); they are dropped with the view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tree_sitter import Node

from leakgate.semantics.constants import fold_integer
from leakgate.semantics.facts import Fact, SummaryKey
from leakgate.semantics.syntax import (
    call_callee,
    descendants,
    is_assignment_target,
    node_key,
    text,
    unparen,
)
from leakgate.semantics.types import initial_value

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel
    from leakgate.semantics.module import ModuleView
    from leakgate.semantics.scope import Definition

T = TypeVar("T")


# What a file that declares a name must contain: a cheap test before parsing it.
_DECLARATION_SHAPES = {
    "func": re.compile(rb"\bfunc\s+([A-Za-z_][A-Za-z0-9_]*)\s*[\[(]"),
    "method": re.compile(rb"\bfunc\s*\([^()]*\)\s*([A-Za-z_][A-Za-z0-9_]*)\s*[\[(]"),
    "struct": re.compile(rb"\b([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]\n]*\])?\s+struct\b"),
}

STRING_LITERALS = frozenset({"interpreted_string_literal", "raw_string_literal"})
# A function's or method's first line, read from the bytes: the text index below.
_FUNCTION_LINE = re.compile(rb"^func\s*(?:\([^)]*\)\s*)?([A-Za-z_][A-Za-z0-9_]*)[^\n]*",
                            re.MULTILINE)

# Names declared, not used: interface methods, struct fields, and other methods (or functions)
# of the same name.
_DECLARING_PARENTS = frozenset({"method_elem", "method_spec", "field_declaration",
                                "method_declaration", "function_declaration"})


@dataclass(frozen=True, eq=False)
class FunctionRef:
    """A function or method declared in the package."""

    file: FileModel
    node: Node  # function_declaration or method_declaration
    name: str
    receiver: str | None  # the receiver's base type name for methods

    @property
    def key(self) -> tuple[str, int]:
        return (self.file.path, self.node.start_byte)

    @property
    def qualified(self) -> str:
        return f"{self.receiver}.{self.name}" if self.receiver else self.name

    def parameters(self) -> list[tuple[str, Node | None]]:
        """(name, type node) of each parameter in order; unnamed ones get ``""``."""
        found: list[tuple[str, Node | None]] = []
        parameters = self.node.child_by_field_name("parameters")
        for declaration in parameters.named_children if parameters is not None else []:
            if declaration.type not in ("parameter_declaration",
                                        "variadic_parameter_declaration"):
                continue
            type_node = declaration.child_by_field_name("type")
            names = declaration.children_by_field_name("name")
            if not names:
                found.append(("", type_node))
            found.extend((text(name), type_node) for name in names)
        return found


@dataclass(frozen=True)
class FunctionText:
    """A function or method of the package as its bytes show it, before anything is parsed:
    its name, its first line (`func (s *S) run(ctx context.Context) {`) and what follows, up
    to the next line that starts with `func`. A cheap superset for text questions ("which
    functions may call `Background()`"), never an answer on its own."""

    name: str
    head: bytes
    body: bytes


@dataclass(frozen=True)
class Resolution:
    """The same-package functions a call may run. ``certain`` is False for guesses by a
    method name unique in the package: good enough to stay silent on, not to report on."""

    targets: tuple[FunctionRef, ...]
    certain: bool


def _bound_literal(file: FileModel, local: Definition) -> Node | None:
    """The function literal a local is bound to once and never assigned again
    (`wrap := func(req *http.Request) *http.Request {...}`): what calling it runs."""
    value = initial_value(local)
    while value is not None and value.type == "parenthesized_expression":
        value = value.named_children[0] if value.named_child_count else None
    if value is None or value.type != "func_literal":
        return None
    if any(is_assignment_target(use) for use in file.scopes(local.node).uses(local)):
        return None
    return value


def _ordered(refs: list[FunctionRef] | None) -> tuple[FunctionRef, ...]:
    """Targets in a stable order, whatever order their files were parsed in."""
    return tuple(sorted(refs or (), key=lambda r: r.key))


def functions_in(data: bytes) -> list[FunctionText]:
    """The functions and methods of one file's bytes (see FunctionText), nothing parsed."""
    heads = list(_FUNCTION_LINE.finditer(data))
    return [FunctionText(head.group(1).decode(), head.group(0),
                         data[head.end():heads[index + 1].start() if index + 1 < len(heads)
                              else len(data)])
            for index, head in enumerate(heads)]


def base_type_name(type_node: Node | None) -> str | None:
    """`T`, `*T`, `T[K]`, `*pkgless.T[K]` → "T"; None for qualified or composite types."""
    while type_node is not None:
        if type_node.type in ("pointer_type", "parenthesized_type"):
            type_node = type_node.named_children[-1] if type_node.named_child_count else None
        elif type_node.type == "generic_type":
            type_node = type_node.child_by_field_name("type")
        elif type_node.type == "type_identifier":
            return text(type_node)
        else:
            return None
    return None


def _of_another_package(file: FileModel, operand: Node) -> bool:
    """A local declared with, or made as, another package's type (`var c pkg.T`,
    `c := &pkg.T{...}`, `c := pkg.New()`): its methods are not this package's."""
    operand = unparen(operand)
    definition = file.resolve(operand) if operand.type == "identifier" else None
    if definition is None:
        return False
    declared = definition.type_node()
    while declared is not None and declared.type == "pointer_type" and declared.named_child_count:
        declared = declared.named_children[-1]
    if declared is not None:
        return declared.type == "qualified_type"
    value = initial_value(definition)
    while value is not None and value.type in ("unary_expression", "parenthesized_expression") \
            and value.named_child_count:
        value = value.named_children[-1]
    if value is None:
        return False
    if value.type == "composite_literal":
        kind = value.child_by_field_name("type")
        return kind is not None and kind.type == "qualified_type"
    return value.type == "call_expression" and file.package_call(value) is not None


def struct_fields(struct: Node) -> dict[str, Node]:
    """A struct type's fields by name, with their declared types: named fields, embedded ones
    under their type's name (`sync.WaitGroup`: WaitGroup), and the fields of nested anonymous
    struct types flattened in (`inner struct{ wg sync.WaitGroup }` adds `wg`)."""
    fields: dict[str, Node] = {}
    for member in descendants(struct, frozenset({"field_declaration"})):
        type_node = member.child_by_field_name("type")
        if type_node is None:
            continue
        names = member.children_by_field_name("name")
        if names:
            for field_name in names:
                fields[text(field_name)] = type_node
        else:  # embedded: the field is named after its type (`sync.WaitGroup`: WaitGroup)
            embedded = base_type_name(type_node)
            qualified = type_node.named_children[-1] if type_node.type == \
                "pointer_type" and type_node.named_child_count else type_node
            if embedded is None and qualified.type == "qualified_type":
                member_name = qualified.child_by_field_name("name")
                embedded = text(member_name) if member_name is not None else None
            if embedded is not None:
                fields[embedded] = type_node
    return fields


@dataclass
class Unread:
    """A file of the package not parsed yet: its bytes (searched for names first) and how to
    parse it when a question mentions one of its names."""

    path: str
    data: bytes
    parse: Callable[[], FileModel | None]
    _declared: dict[str, frozenset[bytes]] = field(default_factory=dict)

    def may_declare(self, kind: str, name: str) -> bool:
        """Whether the bytes have the shape of a declaration of ``name`` of ``kind``."""
        if name.encode() not in self.data:
            return False  # most files do not spell it: no need to list their declarations
        names = self._declared.get(kind)
        if names is None:
            names = self._declared[kind] = frozenset(_DECLARATION_SHAPES[kind].findall(self.data))
        return name.encode() in names


class PackageView:
    """One package: the files reported on, and the others read for facts.

    Files are parsed lazily, by name: a question about `run` parses only the unread files whose
    bytes declare `run` (or, for references, mention it), so a file linted alone (pre-commit)
    does not pay for its whole package.
    """

    def __init__(self, files: list[FileModel],
                 unread: Callable[[], list[Unread]] | None = None) -> None:
        self._files: list[FileModel] = []  # parsed and indexed
        self._new: list[FileModel] = list(files)  # parsed, not indexed yet
        self._unread_loader = unread
        self._unread: list[Unread] | None = None if unread is not None else []
        self.asked = False  # a rule asked a package question (trees are then kept)
        self._prepared: set[tuple[str, str]] = set()  # questions whose files are parsed
        self.functions: dict[str, list[FunctionRef]] = {}
        self.methods: dict[str, dict[str, list[FunctionRef]]] = {}  # name -> receiver -> refs
        self.structs: dict[str, dict[str, Node]] = {}  # type -> field -> declared type
        self.constants: dict[str, int] = {}
        self.string_constants: dict[str, str] = {}  # name -> the literal as written
        self.string_variables: dict[str, str] = {}  # package vars: the literal they start with
        self._facts: dict[Fact[Any], object] = {}
        self._function_texts: list[FunctionText] | None = None
        self._declared: dict[tuple[str, int], tuple[bytes, frozenset[bytes]]] = {}
        self._summaries: dict[tuple[SummaryKey[Any], str, int], object] = {}
        self._references: dict[str, list[tuple[FileModel, Node]]] = {}
        self._literals: dict[str, list[tuple[FileModel, Node]]] = {}
        self.directory: str | None = None  # the package's directory, when read from disk
        self.module: ModuleView | None = None  # its module, when it has one

    def add(self, file: FileModel) -> None:
        """A file of the package parsed after the view was made."""
        self._new.append(file)

    def forget(self, file: FileModel, again: Unread) -> None:
        """Drop a parsed file nobody asked about; ``again`` reads it back if a question
        needs it (the loader lists it too when it has not run yet)."""
        self._new = [f for f in self._new if f is not file]
        if self._unread is not None:
            self._unread.append(again)
            self._prepared.clear()

    # --- the index -------------------------------------------------------------------------------
    @property
    def files(self) -> list[FileModel]:
        """Every file of the package, all parsed (in path order)."""
        self._prepare(None)
        return sorted(self._files, key=lambda f: f.path)

    def _prepare(self, name: str | None, declares: str = "") -> None:
        """Index what is parsed, after parsing the unread files that mention ``name`` (every
        unread file when None). With ``declares`` ("func", "method" or "struct") only files
        that declare it are needed: their bytes are matched against the declaration's shape."""
        self.asked = True
        self._load_unread()
        if self._unread and (name is None or (name, declares) not in self._prepared):
            if name is not None:
                self._prepared.add((name, declares))
            if name is None:
                hits = list(self._unread)
            elif declares:
                hits = [u for u in self._unread if u.may_declare(declares, name)]
            else:
                needle = name.encode()
                hits = [u for u in self._unread if needle in u.data]
            if hits:
                self._unread = [u for u in self._unread if not any(u is h for h in hits)]
                for unread in sorted(hits, key=lambda u: u.path):
                    file = unread.parse()
                    if file is not None and not any(file is f for f in self._new + self._files):
                        self._new.append(file)
        self._index_new()

    def _load_unread(self) -> None:
        """List the files not parsed yet (their bytes only), once."""
        if self._unread is None and self._unread_loader is not None:
            load, self._unread_loader = self._unread_loader, None
            self._unread = load()

    def _index_new(self) -> None:
        while self._new:
            file = self._new.pop(0)
            file.join(self)
            self._files.append(file)
            self._index_file(file)

    def _index_file(self, file: FileModel) -> None:
        for declaration in file.source.root.children:
            kind = declaration.type
            if kind == "function_declaration":
                self._add_function(file, declaration, None)
            elif kind == "method_declaration":
                receiver = declaration.child_by_field_name("receiver")
                types = [p.child_by_field_name("type") for p in receiver.named_children
                         if p.type == "parameter_declaration"] if receiver else []
                self._add_function(file, declaration,
                                   base_type_name(types[0]) if types else None)
            elif kind == "type_declaration":
                self._add_types(declaration)
            elif kind == "const_declaration":
                self._add_constants(declaration)
            elif kind == "var_declaration":
                self._add_string_variables(declaration)

    def load_mentioning(self, word: str) -> None:
        """Parse and index the files of the package whose bytes spell ``word``: after it, the
        index holds every declaration that mentions it (a struct with a field of type
        ``word``), and no other file was parsed for it."""
        self._prepare(word)

    def texts(self) -> list[bytes]:
        """The bytes of every file of the package, parsed or not (in path order), for cheap
        text tests that decide whether a package-wide question is worth asking."""
        return [data for _, data in self._named_texts()]

    def production_texts(self) -> list[bytes]:
        """The bytes of the package's files that are not `_test.go` files (what the program
        built from it runs)."""
        return [data for path, data in self._named_texts() if not path.endswith("_test.go")]

    def _named_texts(self) -> list[tuple[str, bytes]]:
        self._load_unread()
        named = [(f.path, f.source.data) for f in self._new + self._files]
        named += [(u.path, u.data) for u in self._unread or ()]
        return sorted(named, key=lambda pair: pair[0])

    def declaring_texts(self, kind: str, name: str) -> list[bytes]:
        """The bytes of the package's files, parsed or not, that have the shape of a
        declaration of ``name`` (``kind`` "func", "method" or "struct"): a text test before a
        question is worth parsing for; nothing is parsed."""
        needle = name.encode()
        found = []
        for data in self.texts():
            if needle not in data:
                continue
            key = (kind, id(data))
            cached = self._declared.get(key)
            if cached is None or cached[0] is not data:
                cached = self._declared[key] = (
                    data, frozenset(_DECLARATION_SHAPES[kind].findall(data)))
            if needle in cached[1]:
                found.append(data)
        return found

    def function_texts(self) -> list[FunctionText]:
        """Every function and method of the package by its text (see FunctionText), in path
        order; nothing is parsed."""
        if self._function_texts is None:
            self._function_texts = [f for data in self.texts() for f in functions_in(data)]
        return self._function_texts

    def fact(self, key: Fact[T], compute: Callable[[], T]) -> T:
        """A fact about the whole package, computed once."""
        if key not in self._facts:
            self._facts[key] = compute()
        return cast(T, self._facts[key])

    def functions_named(self, name: str) -> list[FunctionRef]:
        """The package's functions (not methods) called ``name``: one, or one per build
        variant (`x_linux.go`, `x_windows.go`)."""
        self._prepare(name, "func")
        return list(_ordered(self.functions.get(name)))

    def methods_named(self, name: str) -> dict[str, list[FunctionRef]]:
        """The package's methods called ``name``, by receiver type."""
        self._prepare(name, "method")
        return {receiver: list(_ordered(refs))
                for receiver, refs in sorted(self.methods.get(name, {}).items())}

    def _add_function(self, file: FileModel, node: Node, receiver: str | None) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        ref = FunctionRef(file, node, text(name_node), receiver)
        if receiver is None:
            self.functions.setdefault(ref.name, []).append(ref)
        else:
            self.methods.setdefault(ref.name, {}).setdefault(receiver, []).append(ref)

    def _add_types(self, declaration: Node) -> None:
        for spec in declaration.named_children:
            if spec.type != "type_spec":
                continue
            name = spec.child_by_field_name("name")
            struct = spec.child_by_field_name("type")
            if name is None or struct is None or struct.type != "struct_type":
                continue
            fields = struct_fields(struct)
            self.structs[text(name)] = fields

    def _add_constants(self, declaration: Node) -> None:
        for spec in declaration.named_children:
            if spec.type != "const_spec":
                continue
            value = spec.child_by_field_name("value")
            names = spec.children_by_field_name("name")
            values = value.named_children if value is not None and \
                value.type == "expression_list" else ([value] if value is not None else [])
            if len(values) != len(names):
                continue
            for name, item in zip(names, values, strict=True):
                number = self._integer(item, depth=0)
                if number is not None:
                    self.constants[text(name)] = number
                else:
                    folded = self._string_constant_value(item)
                    if folded is not None:
                        self.string_constants[text(name)] = folded

    def _string_constant_value(self, item: Node) -> str | None:
        """A constant string expression as one literal: a literal, or a `+` of literals and
        constants declared before it (`baseURL + "/actors/%s"`)."""
        item = unparen(item)
        if item.type in STRING_LITERALS:
            return text(item)
        if item.type == "identifier":
            return self.string_constants.get(text(item))
        left, right = item.child_by_field_name("left"), item.child_by_field_name("right")
        operator = item.child_by_field_name("operator")
        if item.type != "binary_expression" or left is None or right is None or \
                operator is None or text(operator) != "+":
            return None
        first, second = self._string_constant_value(left), self._string_constant_value(right)
        if first is None or second is None:
            return None
        return '"' + first[1:-1] + second[1:-1] + '"'


    def _add_string_variables(self, declaration: Node) -> None:
        """`var metadataURL = "http://169.254.42.42"`: the value it starts with."""
        specs = [c for c in declaration.named_children if c.type == "var_spec"]
        for holder in declaration.named_children:
            if holder.type == "var_spec_list":
                specs += [c for c in holder.named_children if c.type == "var_spec"]
        for spec in specs:
            value = spec.child_by_field_name("value")
            names = spec.children_by_field_name("name")
            values = value.named_children if value is not None and \
                value.type == "expression_list" else ([value] if value is not None else [])
            if len(values) == len(names):
                for name, item in zip(names, values, strict=True):
                    if unparen(item).type in STRING_LITERALS:
                        self.string_variables[text(name)] = text(unparen(item))

    def _integer(self, node: Node, depth: int) -> int | None:
        return fold_integer(node, self._named_constant, depth=depth, limit=8)

    def _named_constant(self, node: Node) -> int | None:
        return self.constants.get(text(node)) if node.type == "identifier" else None

    def constant(self, name: str) -> int | None:
        """The integer value of a package constant, if the syntax gives one."""
        self._prepare(name)
        return self.constants.get(name)

    def string_constant(self, name: str) -> str | None:
        """The string literal (quotes included) a package constant is declared with."""
        self._prepare(name)
        return self.string_constants.get(name)

    def struct_fields_of(self, type_name: str) -> dict[str, Node] | None:
        """The fields of the package's struct type ``type_name`` (see struct_fields), after
        parsing only the files whose bytes declare it; None when none does."""
        self._prepare(type_name, "struct")
        return self.structs.get(type_name)

    def string_variable(self, name: str) -> str | None:
        """The string literal a package variable is declared with, when no file of the
        package but tests assigns it again (then it holds that value in production)."""
        self._prepare(name)
        value = self.string_variables.get(name)
        if value is None:
            return None
        for file, node in self.references(name):
            parent = node.parent
            if file.is_test or parent is None or parent.type == "var_spec":
                continue
            if is_assignment_target(node):
                return None
        return value

    def field_type(self, type_name: str | None, field_name: str) -> Node | None:
        """The declared type of a struct field (`type T struct { f chan int }`)."""
        if type_name is None:
            return None
        self._prepare(type_name, "struct")
        return self.structs.get(type_name, {}).get(field_name)

    def function_at(self, file: FileModel, node: Node) -> FunctionRef | None:
        """The index entry of a function or method declaration of ``file``."""
        name = node.child_by_field_name("name")
        if name is None:
            return None
        candidates = self.functions_named(text(name)) if node.type == "function_declaration" \
            else [r for refs in self.methods_named(text(name)).values() for r in refs]
        return next((r for r in candidates if r.file is file
                     and r.node.start_byte == node.start_byte), None)

    # --- resolution ------------------------------------------------------------------------------
    def resolve_call(self, file: FileModel, call: Node) -> Resolution | None:
        """The same-package functions ``call`` runs (a `go`/`defer` call included)."""
        function = call.child_by_field_name("function")
        if function is None:
            return None
        function = unparen(function)
        if function.type == "identifier":
            local = file.resolve(function)
            if local is not None:
                literal = _bound_literal(file, local)
                return Resolution((FunctionRef(file, literal, local.name, None),), True) \
                    if literal is not None else None  # another local function value
            refs = self.functions_named(text(function))
            return Resolution(tuple(refs), True) if refs else None
        if function.type != "selector_expression":
            return None
        operand, name = call_callee(call)
        if operand is None or (operand.type == "identifier" and
                               file.package_of(operand) is not None):
            return None  # pkg.F(): another package
        by_receiver = self.methods_named(name)
        if not by_receiver:
            return None
        receiver = self.type_of(file, operand)
        if receiver is not None:
            known = by_receiver.get(receiver)
            return Resolution(tuple(known), True) if known else None
        if _of_another_package(file, operand):
            return None  # `c := &httprequest.Client{...}; c.Do(...)`: not the package's Do
        if len(by_receiver) == 1:
            (guessed,) = by_receiver.values()
            return Resolution(tuple(guessed), False)
        return None

    def type_of(self, file: FileModel, expression: Node, depth: int = 0) -> str | None:
        """The package type an expression has, when the syntax says so."""
        expression = unparen(expression)
        if depth > 4:
            return None
        if expression.type == "identifier":
            definition = file.resolve(expression)
            if definition is None:
                return None
            declared = base_type_name(definition.type_node())
            if declared is not None:
                return declared
            value = initial_value(definition)
            if value is None:
                return self._result_type(file, definition)
            return self._value_type(file, value)
        if expression.type == "selector_expression":
            operand = expression.child_by_field_name("operand")
            field_node = expression.child_by_field_name("field")
            if operand is None or field_node is None:
                return None
            owner = self.type_of(file, operand, depth + 1)
            return base_type_name(self.field_type(owner, text(field_node)))
        return self._value_type(file, expression)

    def _result_type(self, file: FileModel, definition: Definition) -> str | None:
        """`tc, err := NewTestCase(...)`: the declared type of the result at the local's
        position, for a call of the package's own function."""
        statement = definition.statement
        left = statement.child_by_field_name("left") if statement.type == \
            "short_var_declaration" else None
        right = statement.child_by_field_name("right") if left is not None else None
        values = right.named_children if right is not None else []
        if left is None or len(values) != 1 or values[0].type != "call_expression":
            return None
        names = [node_key(n) for n in left.named_children]
        if node_key(definition.node) not in names:
            return None
        position = names.index(node_key(definition.node))
        resolution = self.resolve_call(file, values[0])
        if resolution is None or not resolution.certain or len(resolution.targets) != 1:
            return None
        result = resolution.targets[0].node.child_by_field_name("result")
        if result is None or result.type != "parameter_list":
            return None
        types = [d.child_by_field_name("type") for d in result.named_children
                 for _ in range(max(1, len(d.children_by_field_name("name"))))]
        return base_type_name(types[position]) if position < len(types) else None

    def _value_type(self, file: FileModel, value: Node) -> str | None:
        value = unparen(value)
        if value.type == "unary_expression" and value.named_child_count:
            value = unparen(value.named_children[-1])
        if value.type == "composite_literal":
            name = base_type_name(value.child_by_field_name("type"))
            if name is not None:
                self._prepare(name, "struct")
            return name if name in self.structs else None
        if value.type == "call_expression":
            function = value.child_by_field_name("function")
            arguments = value.child_by_field_name("arguments")
            if function is not None and function.type == "identifier" and \
                    text(function) == "new" and arguments is not None and \
                    arguments.named_child_count == 1:
                return base_type_name(arguments.named_children[0])
            resolution = self.resolve_call(file, value)
            if resolution is not None and resolution.certain and len(resolution.targets) == 1:
                result = resolution.targets[0].node.child_by_field_name("result")
                return base_type_name(result) if result is not None and \
                    result.type != "parameter_list" else None
        return None

    # --- references ------------------------------------------------------------------------------
    def references(self, name: str) -> list[tuple[FileModel, Node]]:
        """Every identifier or field name spelled ``name`` in the package (declarations
        included), found by a byte search and a node lookup: no walk over the trees."""
        found = self._references.get(name)
        if found is None:
            found = self._references[name] = self._spelled(name, ("identifier",
                                                                  "field_identifier"))
        return found

    def literals_of(self, type_name: str) -> list[tuple[FileModel, Node]]:
        """The composite literals of the package's type ``type_name`` (`T{...}`, `&T{...}`)."""
        found = self._literals.get(type_name)
        if found is None:
            found = self._literals[type_name] = [
                (file, node.parent) for file, node in self._spelled(type_name,
                                                                    ("type_identifier",))
                if node.parent is not None and node.parent.type == "composite_literal"]
        return found

    def _spelled(self, name: str, kinds: tuple[str, ...]) -> list[tuple[FileModel, Node]]:
        found = []
        needle = name.encode()
        self._prepare(name)
        for file in sorted(self._files, key=lambda f: f.path):
            data = file.source.data
            start = data.find(needle)
            while start >= 0:
                end = start + len(needle)
                before = data[start - 1:start]
                after = data[end:end + 1]
                if not (before.isalnum() or before == b"_") and \
                        not (after.isalnum() or after == b"_"):
                    node = file.source.root.descendant_for_byte_range(start, end)
                    if node is not None and node.type in kinds and \
                            node.start_byte == start and node.end_byte == end:
                        found.append((file, node))
                start = data.find(needle, end)
        return found

    def callers(self, ref: FunctionRef) -> Iterator[tuple[FileModel, Node]]:
        """Calls in the package that resolve to ``ref`` (certainly), as (file, call)."""
        for file, node in self.references(ref.name):
            parent = node.parent
            call = parent
            if parent is not None and parent.type == "selector_expression":
                call = parent.parent
            if call is None or call.type != "call_expression":
                continue
            resolution = self.resolve_call(file, call)
            if resolution is not None and resolution.certain and \
                    any(t.key == ref.key for t in resolution.targets):
                yield file, call

    def uses_outside_calls(self, ref: FunctionRef) -> list[tuple[FileModel, Node]]:
        """References to ``ref``'s name that are not its declaration nor a call of it (a
        method value `once.Do(s.start)`, a function passed as a callback)."""
        found = []
        declared = ref.node.child_by_field_name("name")
        for file, node in self.references(ref.name):
            if file is ref.file and declared is not None and \
                    node_key(node) == node_key(declared):
                continue
            parent = node.parent
            if parent is not None and parent.type in _DECLARING_PARENTS:
                continue  # an interface method, struct field or method of the same name
            holder = parent.parent if parent is not None and \
                parent.type == "selector_expression" else parent
            target = parent if parent is not None and parent.type == "selector_expression" \
                else node
            if holder is not None and holder.type == "call_expression" and \
                    holder.child_by_field_name("function") == target:
                continue
            found.append((file, node))
        return found

    # --- summaries -------------------------------------------------------------------------------
    def function_summary(self, key: SummaryKey[bool], file: FileModel, function: Node,
                         compute: Callable[[FunctionRef], bool]) -> bool:
        """A yes/no summary of a function or method declared in ``file`` (``compute`` gets its
        index entry, to ask for its callers); no for a declaration the index does not hold,
        and no while it is being computed (a recursive question)."""
        ref = self.function_at(file, function)
        if ref is None:
            return False
        return bool(self.summary(key, ref, lambda: compute(ref)))

    def summary(self, key: SummaryKey[T], ref: FunctionRef,
                compute: Callable[[], T]) -> T | None:
        """A fact about one function, computed once per package. Its key carries the depth it
        is asked at (see `facts`), so the answer never depends on which question happened to
        be asked first. None while it is being computed: a recursive question sees unknown."""
        index = (key, ref.file.path, ref.node.start_byte)
        if index not in self._summaries:
            self._summaries[index] = None
            self._summaries[index] = compute()
        return cast("T | None", self._summaries[index])

