"""Whether code is shown to run again and again in one process.

A goroutine left blocked costs one stack each time the code that started it runs. Code that runs
once per process (a command's action, the path from `main`) leaks one goroutine at most, which
ends with the process; fresh code judged so in most of LG102's false findings. Code whose callers
nothing in the module shows (a method reached through an interface, a function a callback table
names) runs an unknown number of times, and unknown is not evidence. The evidence that it repeats:
it is called from a loop that goes on after the call, it is a server's handler (an HTTP handler,
a gRPC-shaped method, a function registered on a router), it is the API of a library package,
which other modules call as often as they like, or a caller with such evidence calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.calls import never_returns
from leakgate.semantics.contexts import invoked_in_place
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.loops import in_loop
from leakgate.semantics.module import callers_anywhere, method_calls_by_name, module_references
from leakgate.semantics.package import FunctionRef, PackageView
from leakgate.semantics.syntax import ancestors, call_callee, text, unparen
from leakgate.semantics.types import has_parameter_of

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

_REPEATS: Summary[bool] = Summary("runs again and again")
_IN_PARALLEL: Summary[bool] = Summary("runs again and again, in goroutines side by side")
_REPEATS_FAILING: Summary[bool] = Summary("runs again and again, failing")
_PARKS: Summary[bool] = Summary("runs in goroutines side by side, an API aside")
_LIVE: Summary[bool] = Summary("reached from production code")
_ONCE: Summary[bool] = Summary("runs at most once per process")
_PROGRAM_CODE: Fact[bool] = Fact("a package only the module's programs import")
_DEPTH = 4
_IMPORT_DEPTH = 10  # command trees import deep: pulumi's pager is five packages below its main
# Calls that register a function to be run per request or per event.
_REGISTRATIONS = frozenset({"Handle", "HandleFunc", "HandlerFunc", "GET", "POST", "PUT", "PATCH",
                            "DELETE", "HEAD", "OPTIONS", "Any", "Get", "Post", "Put", "Patch",
                            "Delete", "Route", "Method", "Methods", "AddFunc", "Schedule",
                            "AddEventHandler", "AddFuncs", "Subscribe", "Use"})
_LEAVING = frozenset({"return_statement", "break_statement", "goto_statement"})


def repeats_here(file: FileModel, node: Node, parallel: bool = False) -> bool:
    """Whether the statement or call at ``node`` runs many times in one process: in a loop
    that goes on after it, or in code that does (runs_repeatedly), and reached from production
    code."""
    outermost = file.outermost_function(node)
    return outermost is not None and _live(file, outermost) and \
        _repeats_at(file, node, 0, parallel)


def runs_repeatedly(file: FileModel, function: Node, parallel: bool = False,
                    failing: bool = False, api: bool = True) -> bool:
    """Whether there is evidence that ``function`` (a declaration or a literal) runs many
    times in one process: a literal in a loop of the function around it or in a handler, or a
    declaration that repeats (see the module docstring). A loop inside the function itself is
    no evidence: what leaks on its way out leaks once per run. With ``parallel``, only runs
    that can be under way at once count (a handler, a goroutine per pass of a loop), not a
    loop calling it in turn: that loop stops at the first call that blocks for good. With
    ``failing`` (what leaks, leaks only on paths that return an error), a caller's loop that
    stops on the call's error (`if err := f(); err != nil { return err }`) runs the leak once.
    Without ``api``, a library's API is no evidence: a function that never returns is called
    once by whoever calls it, who waits there for good."""
    outermost = file.outermost_function(function)
    if outermost is None or not _live(file, outermost):
        return False
    while function.type == "func_literal":
        outer = file.enclosing_function(function)
        if outer is None:
            return False
        if _handler(file, function) or _registered(function) or \
                _per_pass(function, outer, parallel):
            return True
        function = outer
    return _repeats(file, function, 0, parallel, failing, api)


def runs_once_here(file: FileModel, node: Node, depth: int = 0) -> bool:
    """Whether the evidence says the statement or call at ``node`` runs at most once per
    process (runs_once), and is in no loop of its own function that goes on after it. The
    converse of repeats_here for what is known: code whose callers the module does not show
    (a method reached through an interface, a function handed to unknown code) is neither."""
    function = file.enclosing_function(node)
    if function is None:
        return True  # a package variable's initializer
    return not _per_pass(node, function, False) and runs_once(file, function, depth)


def runs_once(file: FileModel, function: Node, depth: int = 0) -> bool:
    """Whether ``function`` is shown to run at most once per process, or never in production:
    reached only from `main` or `init`, a package variable's initializer, or such code, with
    every caller known and none calling it from a loop; or reached from no production code at
    all. A library's API, a handler, a function handed on as a value, or a method called
    through a name the module does not resolve runs an unknown number of times: not once."""
    if not _production(file):
        return False  # test support or a fuzz harness: run as often as tests and fuzzers like
    outermost = file.outermost_function(function)
    if outermost is None or not _live(file, outermost):
        return True  # dead code, or reached only from tests
    while function.type == "func_literal":
        outer = file.enclosing_function(function)
        if outer is None or not invoked_in_place(function) or _handler(file, function) or \
                _per_pass(function, outer, False):
            return False  # kept to run later, as often as whoever holds it likes
        function = outer
    return _once(file, function, depth)


def _once(file: FileModel, function: Node, depth: int) -> bool:
    view = file.package_view
    ref = view.function_at(file, function)
    if ref is None:
        return False
    if ref.receiver is None and ref.name in ("main", "init"):
        return True

    def compute(ref: FunctionRef) -> bool:
        if depth >= _DEPTH or _handler(file, function) or _grpc_method(file, function) or \
                _api(file, ref):
            return False
        if ref.receiver is None:
            if _values(ref):
                return False  # handed on: run by code the module may not show
            calls = list(callers_anywhere(ref))
        else:
            selected = _selected(ref)
            if any(node.parent is None or node.parent.type != "call_expression"
                   for _, node in selected):
                return False  # a method value handed on
            calls = [(f, node.parent) for f, node in selected if node.parent is not None]
            calls += list(method_calls_by_name(ref))
            if ref.name[:1].isupper() and not any(_production(f) for f, _ in calls):
                return False  # live, yet no call shows: through an interface of elsewhere
        for caller_file, call in calls:
            if not _production(caller_file):
                continue
            if not runs_once_here(caller_file, call, depth + 1):
                return False
        return True

    return view.function_summary(_ONCE.at(depth), file, function, compute)


def called_in_loops(file: FileModel, function: Node) -> bool:
    """Whether the function has production callers and every one calls it in a loop: each
    caller runs it again until what it waits for holds, so a wait inside it need not re-check.
    A method's calls are guessed by its name (method_calls_by_name): a name called outside a
    loop anywhere says no (buildkit's `StatefulCond.Wait` shares its name with every
    `wg.Wait()` of its importers, and stays reported)."""
    ref = file.package_view.function_at(file, function)
    if ref is None:
        return False
    callers = callers_anywhere(ref) if ref.receiver is None else method_calls_by_name(ref)
    calls = [(f, call) for f, call in callers if _production(f)]
    for caller_file, call in calls:
        outermost = caller_file.outermost_function(call)
        if outermost is None or not in_loop(call, outermost):
            return False
    return bool(calls)


def _live(file: FileModel, function: Node, depth: int = 0) -> bool:
    """Whether a production path may reach the function: an exported method (its callers
    through interfaces are unknown), `main` or `init`, a library's API, or a function or
    unexported method that live production code calls or hands on. A function of an
    `internal/` package or of the programs' own code that only tests, or only dead code,
    call is test support or dead (encore's `jsonrpc2.Serve`, whose one production caller
    nothing calls)."""
    view = file.package_view
    ref = view.function_at(file, function)
    if function.type not in ("function_declaration", "method_declaration") or ref is None or \
            ref.name in ("main", "init") or depth >= _DEPTH or _api(file, ref) or \
            (ref.receiver is not None and ref.name[:1].isupper()):
        return True  # an exported method may be called through any interface

    def compute(ref: FunctionRef) -> bool:
        found = _selected(ref) if ref.receiver is not None else \
            [*callers_anywhere(ref), *_values(ref)]
        for caller_file, node in found:
            outer = caller_file.outermost_function(node)
            if _production(caller_file) and (outer is None or
                                             _live(caller_file, outer, depth + 1)):
                return True
        return False

    return view.function_summary(_LIVE.at(depth), file, function, compute)


def _selected(ref: FunctionRef) -> list[tuple[FileModel, Node]]:
    """Every `x.name` of an unexported method's name in its package, called or handed on:
    no other package can name it, so where none is, nothing runs it (another type's method of
    the same name counts too, which errs towards live)."""
    found = []
    for file, node in ref.file.package_view.references(ref.name):
        selector = node.parent
        if selector is not None and selector.type == "selector_expression" and \
                selector.child_by_field_name("field") == node:
            found.append((file, selector))
    return found


def _values(ref: FunctionRef) -> list[tuple[FileModel, Node]]:
    """Where the function is handed on as a value: in its package (`once.Do(s.start)`), and
    for an exported function, in the module's other packages (`mux.HandleFunc("/", w.Handle)`)."""
    view = ref.file.package_view
    found = list(view.uses_outside_calls(ref))
    if ref.receiver is None and ref.name[:1].isupper():
        for file, selector in module_references(view, ref.name):
            holder = selector.parent
            if holder is None or holder.type != "call_expression" or \
                    holder.child_by_field_name("function") != selector:
                found.append((file, selector))
    return found


def _production(file: FileModel) -> bool:
    """Code a program runs: not a test, an example, nor test support (a package only tests
    import, encore's `jsonrpc2/servertest`)."""
    if file.is_test or file.is_sample:
        return False
    view = file.package_view
    module = view.module
    return module is None or not (module.only_tests_import(view) or
                                  module.tests_alone_import(view))


def _api(file: FileModel, ref: FunctionRef) -> bool:
    """An exported name of a library package: other modules call it as often as they like."""
    view = file.package_view
    return ref.name[:1].isupper() and file.package != "main" and not _internal(view) and \
        not _program_code(view, 0)


def _repeats(file: FileModel, function: Node, depth: int, parallel: bool,
             failing: bool = False, api: bool = True) -> bool:
    def compute(ref: FunctionRef) -> bool:
        if _handler(file, function) or _grpc_method(file, function):
            return True
        if api and _api(file, ref):
            return True
        if depth >= _DEPTH:
            return False
        callers = callers_anywhere(ref) if ref.receiver is None else method_calls_by_name(ref)
        for caller_file, call in callers:
            if not _production(caller_file):
                continue
            if _repeats_at(caller_file, call, depth + 1, parallel, failing, api):
                return True
        for use_file, use in _values(ref):
            if not _production(use_file):
                continue
            if _registered(use) or _repeats_at(use_file, use, depth + 1, parallel, api=api):
                return True
        return False

    key = (_IN_PARALLEL if parallel and api else _PARKS if parallel else _REPEATS_FAILING
           if failing else _REPEATS).at(depth)
    return file.package_view.function_summary(key, file, function, compute)


def _repeats_at(file: FileModel, node: Node, depth: int, parallel: bool,
                failing: bool = False, api: bool = True) -> bool:
    """repeats_here, climbing callers from ``depth`` on. With ``failing``, the call at
    ``node`` fails on the path that leaks: a loop that stops on its error runs that path once,
    and a caller that returns the error fails in turn."""
    outermost = file.outermost_function(node)
    if outermost is None:
        return False  # a package variable's initializer: once
    stop = stops_on_error(file, node) if failing and not parallel else None
    if stop == "exit":
        return False  # the process ends on the failure that leaks
    if stop is None and _per_pass(node, outermost, parallel):
        return True
    failing = stop == "return"
    function = file.enclosing_function(node)
    while function is not None and function.type == "func_literal":
        if _handler(file, function) or _registered(function):
            return True
        function = file.enclosing_function(function)
    return function is not None and _repeats(file, function, depth, parallel, failing, api)


def stops_on_error(file: FileModel, call: Node) -> str | None:
    """How the caller leaves when the call fails, "return" or "break": `if err := f(); err !=
    nil { return err }`, `err := f()` or `x, err := f()` followed by such an `if`, `if f() !=
    nil { return }`, or `return f()`; None when it goes on."""
    holder = call.parent
    while holder is not None and holder.type == "parenthesized_expression":
        holder = holder.parent
    if holder is None:
        return None
    if holder.type == "expression_list" and holder.parent is not None and \
            holder.parent.type == "return_statement":
        return "return"
    if holder.type == "binary_expression" and holder.parent is not None and \
            holder.parent.type == "if_statement" and "!= nil" in text(holder):
        return _leaves(file, holder.parent)
    statement = holder.parent if holder.type == "expression_list" else None
    if statement is None or statement.type not in ("short_var_declaration",
                                                   "assignment_statement"):
        return None
    left = statement.child_by_field_name("left")
    names = [text(n) for n in (left.named_children if left is not None else [])]
    error = names[-1] if names else None
    if error is None or error == "_":
        return None
    parent = statement.parent
    check: Node | None = statement.next_named_sibling
    if parent is not None and parent.type == "if_statement" and \
            parent.child_by_field_name("initializer") == statement:
        check = parent
    condition = check.child_by_field_name("condition") if check is not None and \
        check.type == "if_statement" else None
    if condition is None or check is None or text(condition).replace(" ", "") != f"{error}!=nil":
        return None
    return _leaves(file, check)


def _leaves(file: FileModel, statement: Node) -> str | None:
    """How the if statement's consequence ends: "return", "break", "exit" (`log.Fatal`,
    `os.Exit`, `panic`: the process ends), or None."""
    consequence = statement.child_by_field_name("consequence")
    body = consequence.named_children if consequence is not None else []
    if body and body[-1].type == "statement_list":
        body = body[-1].named_children
    last = body[-1] if body else None
    if last is None:
        return None
    if last.type in ("return_statement", "break_statement"):
        return "return" if last.type == "return_statement" else "break"
    call = last.named_children[0] if last.type == "expression_statement" and \
        last.named_children else None
    if call is not None and call.type == "call_expression" and never_returns(file, call):
        return "exit"
    return None


def _per_pass(node: Node, stop: Node, parallel: bool) -> bool:
    """``node`` runs once per pass of a loop up to ``stop`` that goes on after it; with
    ``parallel``, in a goroutine the pass starts (`for _, c := range conns { go serve(c) }`)."""
    if not in_loop(node, stop) or _leaves_after(node, stop):
        return False
    for parent in ancestors(node):
        if parent == stop or parent.type == "for_statement":
            return not parallel
        if parent.type == "go_statement":
            return True
    return not parallel


def _leaves_after(node: Node, stop: Node) -> bool:
    """The loop around ``node`` is a search: the statement holding it returns or breaks, or
    one after it in the same block does (`for _, c := range cmds { if c.Name() == n {
    return c.Exec() } }`), so the loop runs it once."""
    for parent in ancestors(node):
        if parent == stop or parent.type == "for_statement":
            return False
        if parent.type in _LEAVING:
            return True
        holder = parent.parent
        if holder is not None and holder.type in ("block", "statement_list"):
            after = False
            for sibling in holder.named_children:
                if sibling == parent:
                    after = True
                elif after and sibling.type in _LEAVING:
                    return True
    return False


def _handler(file: FileModel, function: Node) -> bool:
    """An HTTP handler: it takes an `http.ResponseWriter` and an `*http.Request`."""
    return has_parameter_of(file, function, "net/http", ("ResponseWriter",)) and \
        has_parameter_of(file, function, "net/http", ("Request",))


def _grpc_method(file: FileModel, function: Node) -> bool:
    """A method shaped like a gRPC server's: `(ctx context.Context, req *pb.X) (*pb.Y, error)`,
    or one taking a stream of another package (`srv pb.Svc_MethodServer`)."""
    if function.type != "method_declaration":
        return False
    parameters = function.child_by_field_name("parameters")
    kinds = [d.child_by_field_name("type") for d in
             (parameters.named_children if parameters is not None else [])]
    if len(kinds) == 1 and kinds[0] is not None and kinds[0].type == "qualified_type" and \
            text(kinds[0].child_by_field_name("name") or kinds[0]).endswith("Server"):
        return True
    if len(kinds) != 2 or kinds[0] is None or not file.is_qualified(kinds[0], "context",
                                                                   "Context"):
        return False
    request = kinds[1]
    result = function.child_by_field_name("result")
    results = [d.child_by_field_name("type") for d in result.named_children] \
        if result is not None and result.type == "parameter_list" else []
    return request is not None and request.type == "pointer_type" and \
        request.named_child_count == 1 and request.named_children[0].type == "qualified_type" \
        and len(results) == 2 and results[1] is not None and text(results[1]) == "error"


def _registered(node: Node) -> bool:
    """A function (literal or value) handed to a call that registers it to run per request
    or event: `mux.HandleFunc("/", h)`, `r.GET("/x", s.get)`, `c.AddFunc(spec, f)`."""
    current = node
    parent = current.parent
    while parent is not None and (parent.type == "parenthesized_expression" or (
            parent.type == "selector_expression" and
            parent.child_by_field_name("field") == current)):
        current, parent = parent, parent.parent
    holder = current.parent
    call = holder.parent if holder is not None and holder.type == "argument_list" else None
    if call is None or call.type != "call_expression":
        return False
    function = call.child_by_field_name("function")
    return function is not None and unparen(function) != current and \
        call_callee(call)[1] in _REGISTRATIONS


def _internal(view: PackageView) -> bool:
    module = view.module
    path = module.import_path(view) if module is not None else None
    return path is not None and "internal" in path.split("/")


def _program_code(view: PackageView, depth: int) -> bool:
    """Whether the package is imported in its module, by tests, test support and examples
    aside, and only by `main` packages or packages that are program code themselves: the
    programs' own code (dolt's `cmd/dolt/commands`, pulumi's `pkg/cmd/esc/cli/pager`), whose
    exported names are no API other modules call."""
    def compute() -> bool:
        module = view.module
        mine = module.import_path(view) if module is not None else None
        if module is None or mine is None or view.directory is None or depth > _IMPORT_DEPTH:
            return False
        importers = []
        for directory in module.importers(mine):
            if directory == view.directory:
                continue
            other = module.package_in(directory)
            if module.only_tests_import(other) or module.tests_alone_import(other) or \
                    all(f.is_sample for f in other.files if not f.is_test):
                continue
            importers.append(other)
        for other in importers:
            names = {f.package for f in other.files if not f.is_test}
            if names != {"main"} and (not names or not _program_code(other, depth + 1)):
                return False
        return bool(importers)

    return view.fact(_PROGRAM_CODE.about(str(depth)), compute)
