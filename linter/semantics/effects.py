"""What a call of a standard function does with the values it is handed, without reading it.

A resource handed to a function the linter cannot see is assumed handled ("it could close
it"); for the standard library that guess is needless. Formatting, logging and encoding read
their arguments and never close, end, stop or keep them; a reader wrapper hands back a new
reader, closing the old one only through itself; a few functions run a function argument
before they return. Rules ask here before crediting an argument as handed on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.syntax import descendants

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

# Functions that only read their arguments: they format, log, compare or encode them.
_READS = {
    "fmt": frozenset({"Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln", "Fprint",
                      "Fprintf", "Fprintln", "Errorf", "Append", "Appendf", "Appendln"}),
    "log": frozenset({"Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic",
                      "Panicf", "Panicln"}),
    "log/slog": frozenset({"Debug", "Info", "Warn", "Error", "Any"}),
    "encoding/json": frozenset({"Marshal", "MarshalIndent"}),
    "encoding/xml": frozenset({"Marshal", "MarshalIndent"}),
    "reflect": frozenset({"TypeOf", "ValueOf", "DeepEqual"}),
    "errors": frozenset({"Is", "As"}),
}
# Wrappers whose result closes what they wrap when it is closed (`http.MaxBytesReader`).
_WRAPS_CLOSING = {"net/http": frozenset({"MaxBytesReader"})}


def only_reads(file: FileModel, call: Node) -> bool:
    """Whether ``call`` is a standard function that reads its arguments and keeps none."""
    qualified = file.package_call(call)
    return qualified is not None and qualified[1] in _READS.get(qualified[0], frozenset())


def wraps_closing(file: FileModel, call: Node) -> bool:
    """Whether ``call`` wraps a reader in one that closes it when closed."""
    qualified = file.package_call(call)
    return qualified is not None and \
        qualified[1] in _WRAPS_CLOSING.get(qualified[0], frozenset())


def result_dropped(call: Node) -> bool:
    """The call's result is thrown away: a statement of its own, or assigned to `_`."""
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        call, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "expression_statement":
        return True
    if parent.type != "expression_list" or parent.named_child_count != 1:
        return False
    statement = parent.parent
    left = statement.child_by_field_name("left") if statement is not None and \
        statement.type in ("assignment_statement", "short_var_declaration") else None
    names = left.named_children if left is not None else []
    return len(names) == 1 and names[0].type in ("blank_identifier", "identifier") and \
        names[0].text == b"_"


def never_runs(literal: Node) -> bool:
    """A function literal assigned to `_`: its body never runs, so nothing it does counts."""
    return literal.type == "func_literal" and result_dropped(literal) and \
        literal.parent is not None and literal.parent.type != "expression_statement"


# Standard functions that call a function argument before they return.
_FUNC_HELPERS = frozenset({"Map", "FieldsFunc", "IndexFunc", "LastIndexFunc", "TrimFunc",
                           "TrimLeftFunc", "TrimRightFunc", "ContainsFunc"})
_RUNS_ARGUMENT = {
    "sort": frozenset({"Slice", "SliceStable", "Search", "Find"}),
    "slices": frozenset({"SortFunc", "SortStableFunc", "IndexFunc", "ContainsFunc",
                         "DeleteFunc", "BinarySearchFunc", "CompactFunc", "EqualFunc",
                         "MaxFunc", "MinFunc"}),
    "strings": _FUNC_HELPERS,
    "bytes": _FUNC_HELPERS,
    "path/filepath": frozenset({"Walk", "WalkDir"}),
    "io/fs": frozenset({"WalkDir"}),
}


def runs_during_call(file: FileModel, literal: Node) -> bool:
    """A function literal handed to a call that runs it before it returns: a standard
    function that does (`sort.Slice`, `filepath.Walk`), or a function of the package that
    calls that parameter on its own path, neither in a goroutine nor kept (`forEachDir(root,
    func(d string) error {...})`). Its body runs on the caller's path, under its context."""
    holder = literal.parent
    if literal.type != "func_literal" or holder is None or holder.type != "argument_list":
        return False
    call = holder.parent
    if call is None or call.type != "call_expression":
        return False
    qualified = file.package_call(call)
    if qualified is not None:
        return qualified[1] in _RUNS_ARGUMENT.get(qualified[0], frozenset())
    index = [a for a in holder.named_children if a.type != "comment"].index(literal)
    resolution = file.package_view.resolve_call(file, call)
    return resolution is not None and bool(resolution.targets) and \
        all(_calls_parameter(ref.file, ref.node, index) for ref in resolution.targets)


def _calls_parameter(file: FileModel, function: Node, index: int) -> bool:
    """``function`` calls its ``index``-th parameter, only ever calls it, and never from a
    `go` statement or a function literal."""
    parameters = function.child_by_field_name("parameters")
    names: list[Node | None] = []
    for declaration in parameters.named_children if parameters is not None else []:
        if declaration.type == "parameter_declaration":
            declared = declaration.children_by_field_name("name")
            names.extend(declared if declared else [None])
    name = names[index] if index < len(names) else None
    if name is None:
        return False
    definition = file.resolve(name)
    if definition is None:
        return False
    uses = [u for u in file.scopes(name).uses(definition) if u != name]
    for use in uses:
        parent = use.parent
        if parent is None or parent.type != "call_expression" or \
                parent.child_by_field_name("function") != use or \
                file.enclosing_function(use) != function or \
                file.inside(use, "go_statement") is not None:
            return False
    return bool(uses)


_EXAMPLE_NAME = re.compile(r"Example(?:[A-Z_].*)?")
_OUTPUT_COMMENT = re.compile(rb"^//\s*(?:unordered\s+)?output:", re.IGNORECASE)


def never_run_example(file: FileModel, function: Node) -> bool:
    """A test file's `func ExampleXxx()` with no `// Output:` comment: `go test` compiles it
    and never runs it (documentation), so nothing in it happens."""
    if function.type != "function_declaration" or not file.is_test or \
            not file.path.endswith("_test.go") or \
            not _EXAMPLE_NAME.fullmatch(file.function_name(function)):
        return False
    parameters = function.child_by_field_name("parameters")
    if parameters is not None and parameters.named_child_count or \
            function.child_by_field_name("result") is not None:
        return False
    return not any(node.type == "comment" and _OUTPUT_COMMENT.match(node.text or b"")
                   for node in descendants(function, frozenset({"comment"})))


def never_called(file: FileModel, function: Node, depth: int = 0) -> bool:
    """A function nothing can call, dead code that never runs: one of an `internal/` package
    (only its module can call it) that no code of the module calls or names (memos' unused
    `GetImage`), or an unexported one its own authors mark unused for the `unused` linter
    (`//nolint:unused`, `//lint:ignore U1000`: kubeshark's `runConsole`) that no code of the
    package calls or names. Methods are left out (an interface may call them), and so are
    `//export`ed functions (C calls them) and `main`/`init`."""
    from leakgate.semantics.module import callers_anywhere

    view = file.package_view
    module = view.module
    name = file.function_name(function)
    import_path = module.import_path(view) if module is not None else None
    exported = name[:1].isupper()
    internal = import_path is not None and "internal" in import_path.split("/")
    if function.type != "function_declaration" or name in ("main", "init", "") or \
            file.is_test or (exported and not internal) or \
            (not internal and not _marked_unused(function)):
        return False
    ref = view.function_at(file, function)
    if ref is None or _exported_to_c(function) or depth > 2:
        return False
    callers = list(callers_anywhere(ref))
    if not all(_in_dead_function(caller_file, call, depth) for caller_file, call in callers):
        return False  # called from code that runs
    declared = function.child_by_field_name("name")
    calls = {call.child_by_field_name("function") for _, call in callers}
    if any(node != declared and node.parent not in calls and node not in calls
           for _, node in view.references(name)):
        return False  # named in its own package: a function value, a test table
    if not exported or module is None or import_path is None:
        return True
    needle = name.encode()
    return not any(needle in data for directory in module.importers(import_path)
                   for data in module.package_in(directory).texts())


_UNUSED_DIRECTIVE = re.compile(rb"^//\s*(?:nolint:[\w,-]*\bunused\b|lint:ignore\s+U1000\b)")


def _in_dead_function(file: FileModel, call: Node, depth: int) -> bool:
    """The call stands in a function that is itself never called (kubeshark's
    `runConsoleWithoutProxy`, started only by the unused `runConsole`)."""
    caller = file.outermost_function(call)
    return caller is not None and caller.type == "function_declaration" and \
        never_called(file, caller, depth + 1)


def _marked_unused(function: Node) -> bool:
    """A `//nolint:unused` or `//lint:ignore U1000` comment right above the function: its
    authors silenced the `unused` linter, which found nothing calling it."""
    previous = function.prev_sibling
    while previous is not None and previous.type == "comment":
        if _UNUSED_DIRECTIVE.match(previous.text or b""):
            return True
        previous = previous.prev_sibling
    return False


def _exported_to_c(function: Node) -> bool:
    """A cgo `//export name` comment right above the function: C code calls it."""
    previous = function.prev_sibling
    return previous is not None and previous.type == "comment" and \
        (previous.text or b"").startswith(b"//export ")
