"""Family 6: contexts — lost cancels, dropped parents, requests without context, goroutines
that outlive the context they use."""

from __future__ import annotations

import os
import re
from typing import cast

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import CONTEXT_WITHOUT_CANCEL
from leakgate.semantics.cfg import describe_exit
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.http import (
    PACKAGE_SENDERS,
    is_http_client,
    local_endpoint,
)
from leakgate.semantics.package import FunctionRef
from leakgate.semantics.scope import Definition
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.summaries import (
    body_waits_for_cancellation,
    request_gets_context,
    waits_for_cancellation,
)
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    assignment_of,
    call_callee,
    descendants,
    line_of,
    selected_field,
    text,
)
from leakgate.semantics.types import context_parameters

CONTEXT = "context"
HTTP = "net/http"
WITH_CANCEL = frozenset({"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause",
                         "WithTimeoutCause", "WithDeadlineCause"})



# --------------------------------------------------------------------------------------------
@rule(
    id="LG601", name="lost-cancel", level=Level.ERROR, precision="very-high",
    tags=("reliability", "context", "resource-leak", "external/cwe/cwe-772"),
    imports=(CONTEXT,),
    summary="The cancel function of context.WithCancel/WithTimeout/WithDeadline is lost",
    help="""
## What it does
Reports a `context.WithCancel`, `WithTimeout`, `WithDeadline` (or `...Cause`) call whose cancel
function is discarded (`_`), or is not called or otherwise used on some path to a return. The
finding sits on the call, and its related location marks the return (or closing brace) that
leaks it: one alert with two places (SARIF `relatedLocations`).
This follows go vet's `lostcancel`: any use counts (calling it, deferring it, storing it in a
field, passing it to a helper, returning it), because after a use the cancel is somebody's job.

## Why is this bad?
A derived context holds a timer and a slot in its parent's child list until it is cancelled.
Without cancel, both live until the parent ends, which for `context.Background()` is never:
a slow leak of memory and timers on every call.

## Example
```go
func fetch(ctx context.Context) error {
    ctx, cancel := context.WithTimeout(ctx, time.Second)
    if cached() {
        return nil // cancel never called on this path
    }
    defer cancel()
    return call(ctx)
}
```

## Use instead
```go
    ctx, cancel := context.WithTimeout(ctx, time.Second)
    defer cancel()
```

## Notes
Paths that end in `panic`, `os.Exit`, `log.Fatal`, `t.FailNow` or an endless loop are not
returns. `main.main` is exempt: the process exits. A cancel variable declared outside the
function (a package variable, or a variable of the enclosing function assigned in a closure) is
assumed to be handled elsewhere.

## Suppress
`//leakgate:ignore LG601 <reason>` on the line before or at the end of the line.
""",
)
def lost_cancel(ctx: FileContext) -> None:
    for call, name in ctx.calls_to(CONTEXT, WITH_CANCEL):
        assigned = assignment_of(call)
        if assigned is None:
            continue  # returned, passed on, or used in an expression: it escapes
        statement, left = assigned
        if len(left) != 2:
            continue
        cancel = left[1]
        if cancel.type == "blank_identifier" or text(cancel) == "_":
            ctx.report(call, f"the cancel function returned by context.{name} is discarded: "
                             f"keep it and call it (`defer cancel()`) to release the context's "
                             f"resources")
            continue
        if cancel.type != "identifier":
            continue  # stored in a field or element: handled elsewhere
        function = ctx.enclosing_function(call)
        if function is None or ctx.is_main_main(function):
            continue
        scopes = ctx.scopes(call)
        definition = scopes.resolve(cancel)
        if definition is None or definition.function != function:
            continue  # a package or enclosing-function variable: used elsewhere
        cfg = ctx.cfg(function)
        if cfg is None:
            continue
        positions = [use.start_byte for use in scopes.uses(definition)]
        named_result = definition.kind == "result"

        def uses(item: Node, positions: list[int] = positions,
                 named_result: bool = named_result) -> bool:
            if named_result and item.type == "return_statement" and item.named_child_count == 0:
                return True  # a naked return hands the named result to the caller
            return any(item.start_byte <= p < item.end_byte for p in positions)

        leak = cfg.exit_avoiding(statement, uses)
        if leak is None:
            continue
        var = definition.name
        is_return = leak.type == "return_statement"
        ctx.report(call, f"the {var} function returned by context.{name} is not used on all "
                         f"paths: {describe_exit(leak)} is reached without calling it (possible "
                         f"context leak); call `defer {var}()` after this line",
                   related=[(leak, f"this return can be reached without calling {var}, the "
                                   f"cancel function defined on line {line_of(cancel)}",
                             not is_return)])


# --------------------------------------------------------------------------------------------
def _waited_on_done(ctx: FileContext, parameter: Definition, before: int) -> bool:
    """Whether the function receives from `param.Done()` before byte ``before`` (shutdown code
    after cancellation legitimately starts a fresh context)."""
    for use in ctx.scopes(parameter.node).uses(parameter):
        if use.start_byte >= before:
            continue
        selected = selected_field(use)
        if selected is not None and selected[0] == "Done":
            return True
    return False


def _combined_with(ctx: FileContext, parameter: Definition, call: Node) -> bool:
    """Whether the statement holding ``call`` also uses the parameter: code that merges a
    fresh context with the caller's (a hand-written WithoutCancel keeping its values)."""
    statement = call
    for holder in ancestors(call):
        statement = holder
        if holder.parent is not None and holder.parent.type in ("statement_list", "block"):
            break
    return any(statement.start_byte <= use.start_byte < statement.end_byte
               for use in ctx.scopes(parameter.node).uses(parameter))


@rule(
    id="LG602", name="context-not-propagated", level=Level.WARNING, precision="medium",
    tags=("reliability", "context", "observability"),
    imports=(CONTEXT,),
    summary="A fresh context.Background()/TODO() handed to a call where the caller's context "
            "should go",
    help="""
## What it does
Reports, in a function that was handed a context (a `context.Context` parameter, or the
`*http.Request` of a server handler, one that also takes an `http.ResponseWriter`):
- `context.TODO()` or `context.Background()` passed straight into a call on the function's own
  path, where the parameter should go;
- `ctx = context.Background()` (or `TODO()`) overwriting the context parameter;
- a call of an unexported function of the package that makes such a fresh context on its own
  path, directly or a few calls down, while the caller holds a context: the chain is named
  (contextcheck's "should pass the context parameter"). Exported functions without a context
  parameter are an API decision (adding one breaks their callers) and are left alone.

## Why is this bad?
The new context drops the caller's deadline, cancellation and trace: work continues after the
client gave up, and the spans of this call start a new, orphaned trace. `context.TODO()` is
the standard library's own marker for "not plumbed yet".

## Example
```go
func (s *Store) Load(ctx context.Context, id string) (*Item, error) {
    return s.db.Get(context.TODO(), id)
}
```

## Use instead
```go
    return s.db.Get(ctx, id)
```
When the work must outlive the caller on purpose, keep the values and trace but not the
cancellation: `context.WithoutCancel(ctx)` (Go 1.21+).

## Notes
Detaching is common and correct in service code, so the rule reads only the shapes above and
stays silent on the deliberate ones:
- a fresh root for a long-lived object's own lifetime: `context.WithCancel(context.Background())`
  (any `context.With...`), or a call whose result is then stored in a field or used by a
  goroutine (a fifo opened for the life of a process);
- work in a goroutine, a `defer`, a closure kept to run later (a callback), or a cleanup branch
  after an error (`if err != nil { cleanup(context.Background()) }`);
- code with a comment line just above it, the usual way to say "detached on purpose";
- a call whose results include a context derived from the fresh root (`ctx, conn, err :=
  dial(context.Background())`): a lifetime of its own;
- code after the function has waited on `ctx.Done()`, statements that merge the fresh context
  with the caller's, and `if ctx == nil` guards;
- test code (`_test.go`, test helpers taking a `*testing.T`, test-support packages), `main`,
  `init` and package-level initialisers.
A client helper that takes an outgoing `*http.Request` is not a server handler. Earlier versions
reported every `Background()` in such a function; on real service code (Debian's packages of
Docker, containerd, gRPC and others) all 12 of those findings first judged were deliberate.

## Suppress
`//leakgate:ignore LG602 <reason>`.
""",
)
def context_not_propagated(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for call, name in ctx.calls_to(CONTEXT, {"Background", "TODO"}):
        function = ctx.enclosing_function(call)
        if function is None or ctx.inside(call, "defer_statement") is not None or \
                ctx.inside(call, "go_statement") is not None:
            continue
        carrier = _context_carrier(ctx, function)
        while carrier is None and _invoked_in_place(function):
            outer = ctx.enclosing_function(function)
            if outer is None:
                break
            function = outer
            carrier = _context_carrier(ctx, function)
        if carrier is None:
            continue  # no context here, or a closure run later (a callback)
        parameter, is_request = carrier
        overwrite = _overwritten_parameter(ctx, call, parameter)
        consumer = None if overwrite else _consuming_call(call)
        if not overwrite and (consumer is None or _is_context_package_call(ctx, consumer)
                              or _result_outlives_call(ctx, consumer)):
            continue
        if _commented(ctx, call, function) or _on_error_branch(ctx, call, function) or \
                _waited_on_done(ctx, parameter, call.start_byte) or \
                (not overwrite and _combined_with(ctx, parameter, call)):
            continue
        passed = f"{parameter.name}.Context()" if is_request else parameter.name
        available = CONTEXT_WITHOUT_CANCEL.holds(ctx.go_version)
        detach = "" if available is False else \
            (f" If the work must outlive the call, use context.WithoutCancel({passed})"
             + ("." if available else f" ({CONTEXT_WITHOUT_CANCEL.release}+)."))
        if overwrite:
            ctx.report(call, f"`{parameter.name} = context.{name}()` throws away the caller's "
                             f"deadline, cancellation and trace (parameter on line "
                             f"{parameter.line}) for the rest of the function.{detach}")
            continue
        ctx.report(call, f"context.{name}() drops the deadline, cancellation and trace of "
                         f"`{passed}` (parameter on line {parameter.line}): pass `{passed}` "
                         f"instead.{detach}")
    _report_dropping_callees(ctx)


def _own_path_function(ctx: FileContext, node: Node) -> Node | None:
    """The function whose own path runs ``node``: its innermost function, climbing out of
    literals invoked in place; None inside `go`, `defer` or a closure kept to run later."""
    if ctx.inside(node, "defer_statement") is not None or \
            ctx.inside(node, "go_statement") is not None:
        return None
    function = ctx.enclosing_function(node)
    while function is not None and function.type == "func_literal":
        if not _invoked_in_place(function):
            return None
        function = ctx.enclosing_function(function)
    return function


def _fresh_context_dropped(ctx: FileContext, call: Node, function: Node) -> bool:
    """A `context.Background()`/`TODO()` handed straight into a call on ``function``'s own
    path, not as a root of its own lifetime, and not said or shaped to be deliberate."""
    consumer = _consuming_call(call)
    return consumer is not None and not _is_context_package_call(ctx, consumer) and \
        not _result_outlives_call(ctx, consumer) and not _commented(ctx, call, function) and \
        not _on_error_branch(ctx, call, function)


def _drops_context(ref: FunctionRef, depth: int = 0) -> tuple[list[str], str] | None:
    """Summary of one unexported function without a context of its own: does it make a fresh
    one on its own path, directly or through such functions (at most three calls down)? The
    chain of names and where the fresh context is made. Exported functions are API decisions
    and neither start nor carry a chain."""
    def compute() -> tuple[list[str], str] | None:
        file, function = ref.file, ref.node
        if depth > 3 or ref.name[:1].isupper() or file.is_test or \
                (_may_hold_context(function) and context_parameters(file, function)):
            return None
        for call, name in file.calls_to(CONTEXT, {"Background", "TODO"}):
            if function.start_byte <= call.start_byte < function.end_byte and \
                    _own_path_function(file, call) == function and \
                    _fresh_context_dropped(file, call, function):
                # The base name: the same whether the file was named or read for facts.
                return [ref.qualified], (f"context.{name}() on line {line_of(call)} of "
                                         f"{os.path.basename(file.path)}")
        for _, target in _own_calls(file, function, _chain_names(file)):
            found = _drops_context(target, depth + 1)
            if found is not None:
                return [ref.qualified, *found[0]], found[1]
        return None

    return cast("tuple[list[str], str] | None",
                ref.file.package_view.summary(f"lg602.drops.{depth}", ref, compute))


def _own_calls(ctx: FileContext, function: Node,
               names: frozenset[str]) -> list[tuple[Node, FunctionRef]]:
    """Calls of the unexported same-package functions called ``names`` on ``function``'s
    own path, resolved with certainty to one target."""
    found = []
    body = function.child_by_field_name("body")
    for call in descendants(body, frozenset({"call_expression"}), into_functions=False) \
            if body is not None else ():
        if call_callee(call)[1] not in names or _own_path_function(ctx, call) != function:
            continue
        resolution = ctx.package_view.resolve_call(ctx, call)
        if resolution is not None and resolution.certain and len(resolution.targets) == 1:
            found.append((call, resolution.targets[0]))
    return found


_FRESH = re.compile(rb"\b(?:Background|TODO)\(\)")
_FUNC_LINE = re.compile(rb"^func\s*(?:\([^)]*\)\s*)?([A-Za-z_][A-Za-z0-9_]*)[^\n]*",
                        re.MULTILINE)


def _chain_names(ctx: FileContext) -> frozenset[str]:
    """Names of the package's functions that may make a fresh context on their own path,
    directly or a few calls down, by a look at the text alone (each function's text runs to
    the next `func` line): a superset, so that only calls of these names are resolved."""
    def compute() -> frozenset[str]:
        bodies: list[tuple[str, bytes, bool]] = []  # name, text, signature holds a context
        for data in ctx.package_view.texts():
            heads = list(_FUNC_LINE.finditer(data))
            for index, head in enumerate(heads):
                end = heads[index + 1].start() if index + 1 < len(heads) else len(data)
                name = head.group(1).decode()
                holds = b"Context" in head.group(0) or b"Request" in head.group(0)
                if name[:1].islower():
                    bodies.append((name, data[head.end():end], holds))
        names = {name for name, text_, holds in bodies if not holds and _FRESH.search(text_)}
        for _ in range(3):
            if not names:
                break
            calls = re.compile(rb"\b(?:" + b"|".join(n.encode() for n in sorted(names)) +
                               rb")\(")
            grown = names | {name for name, text_, holds in bodies
                             if not holds and calls.search(text_)}
            if grown == names:
                break
            names = grown
        return frozenset(names)

    return cast("frozenset[str]", ctx.package_view.fact("lg602.chain_names", compute))


def _may_hold_context(function: Node) -> bool:
    """A cheap look at the parameter list before resolving its types."""
    parameters = function.child_by_field_name("parameters")
    raw = parameters.text if parameters is not None else None
    return raw is not None and (b"Context" in raw or b"Request" in raw)


def _report_dropping_callees(ctx: FileContext) -> None:
    """Calls, in a function that holds a context, of a same-package function that makes its
    own (contextcheck's "should pass the context parameter")."""
    holders = [f for f in ctx.functions if _may_hold_context(f)]
    names = _chain_names(ctx) if holders else frozenset()
    if not names:
        return  # no function of the package can start a chain: the common case, and cheap
    for function in holders:
        carrier = _context_carrier(ctx, function)
        if carrier is None:
            continue
        parameter, is_request = carrier
        for call, target in _own_calls(ctx, function, names):
            found = _drops_context(target)
            if found is None or _commented(ctx, call, function) or \
                    _on_error_branch(ctx, call, function) or \
                    _waited_on_done(ctx, parameter, call.start_byte):
                continue
            chain, where = found
            passed = f"{parameter.name}.Context()" if is_request else parameter.name
            ctx.report(call, f"`{chain[0]}` makes its own context ({' -> '.join(chain)}: "
                             f"{where}) while this function holds `{passed}` (parameter on "
                             f"line {parameter.line}): give `{chain[0]}` a context parameter "
                             f"and pass `{passed}`")


def _context_carrier(ctx: FileContext, function: Node) -> tuple[Definition, bool] | None:
    """The function's own context parameter, or the request of a server handler; None for
    test helpers and blank parameters."""
    parameters = context_parameters(ctx, function)
    if not parameters or _has_parameter_of(ctx, function, "testing", ("T", "B", "TB")):
        return None
    for definition, is_request in parameters:
        if definition.name == "_":
            continue
        if is_request and not _has_parameter_of(ctx, function, HTTP, ("ResponseWriter",)):
            continue  # an outgoing request: a client helper, not a handler
        return definition, is_request
    return None


def _has_parameter_of(ctx: FileContext, function: Node, path: str, names: tuple[str, ...]) -> bool:
    parameters = function.child_by_field_name("parameters")
    for declaration in parameters.named_children if parameters is not None else []:
        type_node = declaration.child_by_field_name("type")
        while type_node is not None and type_node.type == "pointer_type":
            type_node = type_node.named_children[-1] if type_node.named_child_count else None
        if any(ctx.is_qualified(type_node, path, name) for name in names):
            return True
    return False


def _consuming_call(call: Node) -> Node | None:
    """The call that receives ``call``'s result directly as an argument."""
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "argument_list":
        return None
    holder = parent.parent
    return holder if holder is not None and holder.type == "call_expression" else None


def _is_context_package_call(ctx: FileContext, call: Node) -> bool:
    """`context.WithCancel(context.Background())` and alikes: a fresh root for a context of
    its own lifetime, not the caller's context dropped on a call."""
    qualified = ctx.package_call(call)
    return qualified is not None and qualified[0] == CONTEXT


def _result_outlives_call(ctx: FileContext, consumer: Node) -> bool:
    """`f, err := fifo.OpenFifo(context.Background(), ...)` whose `f` is then used by a
    goroutine or stored, or `ctx, conn, err := dial(context.Background())` deriving a context
    of its own: the fresh context is the lifetime of what the call returns."""
    assigned = assignment_of(consumer)
    if assigned is None:
        return False
    scopes = ctx.scopes(consumer)
    for target in assigned[1]:
        if target.type != "identifier" or text(target) in ("_", "err"):
            continue
        if text(target) == "ctx" or text(target).endswith("Ctx"):
            return True  # it derives a context of its own from the fresh root
        definition = scopes.resolve(target)
        if definition is None:
            continue
        for use in scopes.uses(definition):
            if ctx.inside(use, "go_statement") is not None or \
                    escape_of_use(use, definition, captures=False) == "stored":
                return True
    return False


def _overwritten_parameter(ctx: FileContext, call: Node, parameter: Definition) -> bool:
    """`ctx = context.Background()` on the parameter itself, outside an `if ctx == nil`."""
    assigned = assignment_of(call)
    if assigned is None or assigned[0].type != "assignment_statement" or len(assigned[1]) != 1:
        return False
    target = assigned[1][0]
    if target.type != "identifier" or ctx.resolve(target) is not parameter:
        return False
    for holder in ancestors(call):
        if holder.type in FUNCTION_TYPES:
            break
        if holder.type == "if_statement":
            condition = holder.child_by_field_name("condition")
            if condition is not None and "nil" in text(condition):
                return False
    return True


def _invoked_in_place(function: Node) -> bool:
    """`func() { ... }()`: a literal called where it stands, not kept to run later."""
    parent = function.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return function.type == "func_literal" and parent is not None and \
        parent.type == "call_expression"


def _commented(ctx: FileContext, call: Node, function: Node) -> bool:
    """A comment line of its own inside the function, on one of the two lines just above the
    call's statement: how code says "detached on purpose"."""
    line = call.start_point[0]
    body = function.child_by_field_name("body")
    start = body.start_byte if body is not None else function.start_byte
    for comment in ctx.find("comment"):
        if not start <= comment.start_byte < call.start_byte or \
                comment.end_point[0] < line - 2 or comment.start_point[0] >= line:
            continue
        if not ctx.source.line_text(comment.start_point[0] + 1)[:comment.start_point[1]].strip():
            return True
    return False


def _on_error_branch(ctx: FileContext, call: Node, function: Node) -> bool:
    """Inside an `if` that tests an error (`if err != nil {`): cleanup after a failure must run
    even when the caller's context is already cancelled."""
    for holder in ancestors(call):
        if holder == function:
            return False
        if holder.type == "if_statement":
            condition = holder.child_by_field_name("condition")
            if condition is not None and "err" in text(condition).lower():
                return True
    return False


# --------------------------------------------------------------------------------------------
_CLIENT_METHODS = PACKAGE_SENDERS


@rule(
    id="LG603", name="request-without-context", level=Level.WARNING, precision="high",
    tags=("reliability", "context", "network"),
    imports=(HTTP,),
    summary="HTTP request built or sent without a context",
    help="""
## What it does
Reports `http.NewRequest` (use `http.NewRequestWithContext`), the package functions
`http.Get/Head/Post/PostForm`, and the same methods on an `*http.Client` (a local declared or
built as one, or `http.DefaultClient`).

## Why is this bad?
Such a request cannot be cancelled: when the caller gives up, the request runs on until the
peer or the client timeout ends it, holding a goroutine and a connection, and it carries no
trace context to the server.

## Example
```go
req, err := http.NewRequest(http.MethodGet, url, nil)
resp, err := http.Get(url)
```

## Use instead
```go
req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
resp, err := client.Do(req)
```

## Notes
Silent when the request gets a context after all: `req.WithContext(ctx)` later (also on a
template request kept in a field), handed to a call that also takes a context
(`client.Do(ctx, req)` wrappers), handed to a helper of the package that does one of these with
it (`doRequest(req)` sending `req.WithContext(s.ctx)`), or built by a helper whose every caller
in the package does one of these (an exported builder nobody in the package calls is left to
its callers). Silent too when it can be cancelled the older way, its `Cancel` channel set
(`req.Cancel = ctx.Done()`, directly or by a helper), and when it is never sent: never handed to
anything (only its URL read), only signed (`Sign`, `Presign`), or served in-process
(`h.ServeHTTP(w, req)`, a handler called with an `httptest.NewRecorder()`). Requests to a
local endpoint written in the code (`"http://localhost..."`, a loopback address, or the
placeholder host of a unix-socket client, `"http://." + path`) reach a local daemon, not the
network, and are not reported.

Silent in a command-line program (a `main` package that listens or serves nowhere, in a
function with no `context.Context` or `*http.Request` parameter on the way in): its one-shot
request is cancelled by Ctrl-C. A `main` package that runs a server is service code and is
checked as anywhere else.

Silent in test code, where requests go to test servers: `_test.go` files, files that import
`testing` or a test framework (ginkgo, gomega, testify, gocheck), programs kept out of builds
(`//go:build ignore`) or built only for fuzzing, test-support packages (`testutil`,
`httptest`, a functional-test `tester`); and in examples (`examples/` or demo directories,
`example` or `generate` build tags) and generator support (`internal/gen`). Clients held in
struct fields are not recognised without type information.

## Suppress
`//leakgate:ignore LG603 <reason>`.
""",
)
def request_without_context(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return
    for call, _ in ctx.calls_to(HTTP, {"NewRequest"}):
        if not request_gets_context(ctx, call) and not local_endpoint(call, 1) and \
                not in_command_line_program(ctx, call):
            ctx.report(call, "http.NewRequest builds a request that cannot be cancelled and "
                             "carries no trace context: use http.NewRequestWithContext(ctx, ...)")
    for call, name in ctx.calls_to(HTTP, _CLIENT_METHODS):
        if not local_endpoint(call, 0) and not in_command_line_program(ctx, call):
            ctx.report(call, f"http.{name} sends a request that cannot be cancelled: build it "
                             f"with http.NewRequestWithContext(ctx, ...) and send it with "
                             f"client.Do")
    for name in sorted(_CLIENT_METHODS):
        for call, operand in ctx.method_calls(name):
            if is_http_client(ctx, operand) and not local_endpoint(call, 0) and \
                    not in_command_line_program(ctx, call):
                ctx.report(call, f"{text(operand)}.{name} sends a request that cannot be "
                                 f"cancelled: build it with http.NewRequestWithContext(ctx, ...) "
                                 f"and send it with {text(operand)}.Do")


# --------------------------------------------------------------------------------------------
def _cancelled_contexts(ctx: FileContext, function: Node) -> list[tuple[Definition, str]]:
    """Context variables that ``function`` cancels when it returns, with the reason:
    `ctx, cancel := context.With...(...)` followed by `defer cancel()`."""
    found = []
    for call, _ in ctx.calls_to(CONTEXT, WITH_CANCEL):
        if ctx.enclosing_function(call) != function:
            continue
        assigned = assignment_of(call)
        if assigned is None or len(assigned[1]) != 2:
            continue
        context_node, cancel_node = assigned[1]
        if context_node.type != "identifier" or cancel_node.type != "identifier":
            continue
        scopes = ctx.scopes(call)
        context_def, cancel_def = scopes.resolve(context_node), scopes.resolve(cancel_node)
        if context_def is None or cancel_def is None:
            continue
        for use in scopes.uses(cancel_def):
            deferred = _deferred_call_of(ctx, use, function)
            if deferred is not None:
                found.append((context_def, f"`defer {cancel_def.name}()` on line "
                                           f"{line_of(deferred)}"))
                break
    return found


def _deferred_call_of(ctx: FileContext, use: Node, function: Node) -> Node | None:
    """The defer statement when ``use`` is the callee of a call deferred by ``function``."""
    parent = use.parent
    if parent is None or parent.type != "call_expression" or \
            parent.child_by_field_name("function") != use:
        return None
    for holder in ancestors(parent):
        if holder.type == "defer_statement":
            return holder if ctx.enclosing_function(holder) == function else None
        if holder.type in FUNCTION_TYPES and holder != function:
            continue
        if holder == function:
            return None
    return None


def _only_waits(use: Node) -> bool:
    """`ctx.Done()` / `ctx.Err()`: the goroutine only watches for the end of the context."""
    selected = selected_field(use)
    return selected is not None and selected[0] in ("Done", "Err")


def _waits_after(ctx: FileContext, function: Node, go_statement: Node) -> bool:
    """Whether ``function`` synchronises with something after starting the goroutine: a
    `.Wait()` (WaitGroup, errgroup), a channel receive, or a range/select over channels, in
    its body or in a deferred cleanup (`defer func() { cancel(); wg.Wait() }()`)."""
    body = function.child_by_field_name("body")
    if body is None:
        return False
    deferred = [d for d in descendants(body, frozenset({"defer_statement"}), into_functions=False)]
    for holder, into in [(body, False), *((d, True) for d in deferred)]:
        for node in descendants(holder, frozenset({"call_expression", "unary_expression",
                                                   "receive_statement", "select_statement",
                                                   "range_clause"}), into_functions=into):
            if not into and node.start_byte < go_statement.end_byte:
                continue  # before the goroutine starts; deferred code runs at the return
            if node.type == "call_expression":
                if call_callee(node)[1] == "Wait":
                    return True
            elif node.type == "unary_expression":
                operator = node.child_by_field_name("operator")
                if operator is not None and operator.type == "<-":
                    return True
            else:
                return True
    return False


def _runs_until_cancelled(ctx: FileContext, go_statement: Node) -> bool | None:
    """Whether the goroutine is a worker told to stop by the cancel (its code receives from
    `Done()`), finite work (False), or unknown code (None: a function of another package)."""
    call = next((c for c in go_statement.named_children if c.type == "call_expression"), None)
    function = call.child_by_field_name("function") if call is not None else None
    if call is None or function is None:
        return None
    if function.type == "func_literal":
        return body_waits_for_cancellation(ctx, function)
    resolution = ctx.package_view.resolve_call(ctx, call)
    if resolution is None:
        return None
    return any(waits_for_cancellation(ref) for ref in resolution.targets)


@rule(
    id="LG604", name="goroutine-outlives-context", level=Level.WARNING, precision="medium",
    tags=("reliability", "context", "goroutine"),
    imports=(CONTEXT, HTTP),
    summary="A goroutine uses a context that is cancelled when the starting function returns",
    help="""
## What it does
Reports a goroutine that uses a context its starting function cancels on return — one made
with `context.With...` and `defer cancel()`, or an HTTP handler's `r.Context()` — when the
function does not wait for the goroutine (no `Wait()`, no channel receive, no select or range
after the `go` statement).

## Why is this bad?
The goroutine's work is cut off, at a random point, as soon as the function returns: metric
flushes, span exports or audit writes started in a handler silently fail with
`context canceled`.

## Example
```go
func handle(w http.ResponseWriter, r *http.Request) {
    go record(r.Context(), event) // record's write is cancelled when handle returns
}
```

## Use instead
```go
    go record(context.WithoutCancel(r.Context()), event) // Go 1.21+
```
or wait for the goroutine before returning.

## Notes
Cancelling on return is how a worker is told to stop, so the rule reports finite work only:
silent when the goroutine receives from `Done()` itself or in a function of the package it
calls (a run loop, found in any file of the package), when it runs code of another package
(unknown: it may be such a loop), when it only watches the context end (`<-ctx.Done()`,
`ctx.Err()`), when the function waits after starting it or its deferred cleanup cancels and
then waits (`defer func() { cancel(); wg.Wait() }()`), and in `main.main`. Silent in test
code, where a test's `defer cancel()` is how it stops the servers and workers it started (all
four such findings on real code were dismissed).

## Suppress
`//leakgate:ignore LG604 <reason>`.
""",
)
def goroutine_outlives_context(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # tests start servers and workers that `defer cancel()` is meant to stop
    for go_statement in ctx.go_statements:
        function = ctx.enclosing_function(go_statement)
        if function is None or ctx.is_main_main(function):
            continue
        scopes = ctx.scopes(go_statement)
        candidates: list[tuple[Definition, str, bool]] = [
            (definition, reason, False)
            for definition, reason in _cancelled_contexts(ctx, function)]
        for definition, is_request in context_parameters(ctx, function):
            if is_request:
                candidates.append((definition, "the handler returns", True))
        for definition, reason, is_request in candidates:
            uses = [u for u in scopes.uses(definition)
                    if go_statement.start_byte <= u.start_byte < go_statement.end_byte
                    and not _detached(ctx, u, go_statement)]
            if is_request:
                uses = [u for u in uses if _request_context_call(u) is not None]
                if not uses:
                    continue
                shown = f"{definition.name}.Context()"
            else:
                if not uses or all(_only_waits(u) for u in uses):
                    continue
                shown = definition.name
            if _waits_after(ctx, function, go_statement) or \
                    _runs_until_cancelled(ctx, go_statement) is not False:
                break  # waited for, or a worker the cancel is meant to stop
            function_name = ctx.function_name(function) or "the function"
            ctx.report(go_statement.children[0] if go_statement.children else go_statement,
                       f"goroutine uses `{shown}`, which is cancelled when {function_name} "
                       f"returns ({reason}), and {function_name} does not wait for it: its "
                       f"work is cut off. Wait for the goroutine, or give it a context that "
                       f"outlives the call (context.WithoutCancel, Go 1.21+)")
            break


def _detached(ctx: FileContext, use: Node, go_statement: Node) -> bool:
    """Whether the use sits inside `context.WithoutCancel(...)`: detached on purpose."""
    for holder in ancestors(use):
        if holder == go_statement:
            return False
        if holder.type == "call_expression" and \
                ctx.package_call(holder) == (CONTEXT, "WithoutCancel"):
            return True
    return False


def _request_context_call(use: Node) -> Node | None:
    selected = selected_field(use)
    call = selected[1].parent if selected is not None else None
    if selected is None or selected[0] != "Context" or call is None or \
            call.type != "call_expression":
        return None
    return call


RULES = [lost_cancel, context_not_propagated, request_without_context,
         goroutine_outlives_context]
