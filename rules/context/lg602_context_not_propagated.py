"""
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
  (any `context.With...`) whose cancel is not deferred in the same function, an
  `errgroup.WithContext` group this function does not wait for, or a call whose result is then
  stored in a field or a package variable, or used by a goroutine the caller's context does
  not bound (a fifo opened for the life of a process). A timeout whose cancel is deferred
  here, a group waited for here, a local map or literal are bounded by the call: reported;
- work in a goroutine, a `defer`, a closure kept to run later (a callback: not one run before
  the call it is handed to returns, by `sort.Slice`, `filepath.Walk` or a function of the
  package that calls its parameter on its own path, nor one handed on together with the
  caller's context, `waitForState(ctx, func() {...})`: those run under it), or a cleanup branch
  after an error: the body of `if err != nil` (the `else` of `if err == nil`), for a value
  that is an error by its declaration or that only a type checker could tell; the call in the
  `if`'s own initializer (`if err := h.Process(context.TODO(), m); err != nil`) is the work,
  and is reported (through a chain of calls it is not yet: whether such an operation needs the
  context depends on what its callee does with it);
- code with a comment line of prose just above it, the usual way to say "detached on
  purpose" (a `TODO`/`FIXME`/`XXX` marker or a commented-out line says nothing of the kind);
- a call declared (in the package) to return a context derived from the fresh root
  (`ctx, conn, err := dial(context.Background())`): a lifetime of its own;
- code after the function has waited on `ctx.Done()`, statements that merge the fresh context
  with the caller's, and `if ctx == nil` guards;
- test code (`_test.go`, test helpers taking a `*testing.T`, test-support packages), `main`,
  `init` and package-level initialisers.
A client helper that takes an outgoing `*http.Request` is not a server handler. Earlier versions
reported every `Background()` in such a function; on real service code (Debian's packages of
Docker, containerd, gRPC and others) all 12 of those findings first judged were deliberate.

Opt-in (`--select LG602`): whether a fresh context is lost or deliberately detached depends on
how long what it starts must live, which a call's syntax rarely shows. On fresh code nobody had
tuned it on, 3 of 12 findings were judged worth fixing (draws 2026-12-01d-h): the others gave
the fresh context to a connection cached for later requests, a listener socket kept in a
struct, a session watcher that must outlive the login request, a callee that does not use it
with the options given, or a simulator's loopback calls.

## Suppress
`//leakgate:ignore LG602 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import CONTEXT_WITHOUT_CANCEL
from leakgate.semantics.contexts import (
    CONTEXT,
    FRESH_ROOTS,
    context_carrier,
    detached_on_purpose,
    dropping_callees,
    fresh_context_dropped,
    runs_under_caller,
    waited_on_done,
)
from leakgate.semantics.scope import Definition
from leakgate.semantics.summaries import first_call_handed
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    assignment_of,
    holding,
    line_of,
    selected_field,
    text,
)


@rule(
    id="LG602", name="context-not-propagated", level=Level.WARNING, precision="medium",
    tags=("reliability", "context", "observability"),
    imports=(CONTEXT,), default=False,
    summary="A fresh context.Background()/TODO() handed to a call where the caller's context "
            "should go",
    help=__doc__,
)
def context_not_propagated(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for call, name in ctx.calls_to(CONTEXT, FRESH_ROOTS):
        function = ctx.enclosing_function(call)
        if function is None or ctx.inside(call, "defer_statement") is not None or \
                ctx.inside(call, "go_statement") is not None:
            continue
        held = _held_context(ctx, function)
        if held is None:
            continue  # no context here, or a closure run later (a callback)
        function, parameter, is_request = held
        overwrite = _overwritten_parameter(ctx, call, parameter)
        if overwrite and detached_on_purpose(ctx, call, function):
            continue
        if not overwrite and (not fresh_context_dropped(ctx, call, function, parameter)
                              or _combined_with(ctx, parameter, call, is_request)):
            continue
        if waited_on_done(ctx, parameter, call.start_byte):
            continue
        passed = _passed(parameter, is_request)
        detach = _detach_hint(ctx, passed)
        if overwrite:
            ctx.report(call, f"`{parameter.name} = context.{name}()` throws away the caller's "
                             f"deadline, cancellation and trace (parameter on line "
                             f"{parameter.line}) for the rest of the function"
                             f"{_handed_to(ctx, parameter, call)}.{detach}")
            continue
        ctx.report(call, f"context.{name}() drops the deadline, cancellation and trace of "
                         f"`{passed}` (parameter on line {parameter.line}): pass `{passed}` "
                         f"instead.{detach}")
    for dropping in dropping_callees(ctx):
        parameter, chain = dropping.parameter, dropping.chain
        passed = _passed(parameter, dropping.is_request)
        ctx.report(dropping.call, f"`{chain[0]}` makes its own context ({' -> '.join(chain)}: "
                                  f"{dropping.where}) while this function holds `{passed}` "
                                  f"(parameter on line {parameter.line}): give `{chain[0]}` a "
                                  f"context parameter and pass `{passed}`")


def _handed_to(ctx: FileContext, parameter: Definition, overwrite: Node) -> str:
    handed = first_call_handed(ctx, parameter, overwrite)
    return f": `{text(handed[0])}` gets it on line {line_of(handed[1])}" if handed else ""


def _held_context(ctx: FileContext, function: Node) -> tuple[Node, Definition, bool] | None:
    """The function holding the context that code in ``function`` can pass: ``function``
    itself, or the function around a literal invoked in place, handed to a call that runs it
    before returning, or handed on with that context; with the context parameter (or server
    request) and whether it is a request."""
    carrier = context_carrier(ctx, function)
    while carrier is None and runs_under_caller(ctx, function):
        outer = ctx.enclosing_function(function)
        if outer is None:
            break
        function = outer
        carrier = context_carrier(ctx, function)
    return None if carrier is None else (function, *carrier)


def _passed(parameter: Definition, is_request: bool) -> str:
    """What the caller's context is, as code would pass it: `ctx`, or `r.Context()`."""
    return f"{parameter.name}.Context()" if is_request else parameter.name


def _detach_hint(ctx: FileContext, passed: str) -> str:
    """How to keep the values but not the cancellation, where the Go version may have it."""
    available = CONTEXT_WITHOUT_CANCEL.holds(ctx.go_version)
    if available is False:
        return ""
    return (f" If the work must outlive the call, use context.WithoutCancel({passed})"
            + ("." if available else f" ({CONTEXT_WITHOUT_CANCEL.release}+)."))


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


def _combined_with(ctx: FileContext, parameter: Definition, call: Node,
                   is_request: bool) -> bool:
    """Whether the statement holding ``call`` also reads the caller's context, or a value
    taken from it: code that merges a fresh context with the caller's (a hand-written
    WithoutCancel keeping its values: `ctx = namespaces.WithNamespace(context.Background(),
    ns)`). Assigning it (`g, ctx := errgroup.WithContext(...)`) does not read it, and handing
    on a handler's request (`serve(context.Background(), w, r)`) reads the request, not its
    context: only `r.Context()` does."""
    statement = call
    for holder in ancestors(call):
        statement = holder
        if holder.parent is not None and holder.parent.type in ("statement_list", "block"):
            break
    left = statement.child_by_field_name("left") if statement.type in (
        "assignment_statement", "short_var_declaration") else None
    scopes = ctx.scopes(parameter.node)
    reads = [use for use in scopes.uses(parameter)
             if (left is None or not left.start_byte <= use.start_byte < left.end_byte) and
             (not is_request or (selected_field(use) or ("",))[0] == "Context")]
    positions = [use.start_byte for use in reads]
    # Only where the call builds a value kept by the statement (a context being derived).
    consumer = call.parent.parent if left is not None and call.parent is not None and \
        call.parent.type == "argument_list" else None
    for use in reads if consumer is not None else ():
        # A value taken from it and handed to the same call as the fresh root:
        # `ns, _ := namespaces.Namespace(ctx)`, then `WithNamespace(context.Background(), ns)`.
        for target in _defined_from(use):
            definition = scopes.resolve(target)
            if definition is not None and consumer is not None:
                positions += [u.start_byte for u in scopes.uses(definition)
                              if consumer.start_byte <= u.start_byte < consumer.end_byte]
    return holding(positions)(statement)


def _defined_from(use: Node) -> list[Node]:
    """The names a `:=` defines from an expression that reads ``use``."""
    for holder in ancestors(use):
        if holder.type == "short_var_declaration":
            right = holder.child_by_field_name("right")
            left = holder.child_by_field_name("left")
            if right is not None and left is not None and \
                    right.start_byte <= use.start_byte < right.end_byte:
                return [n for n in left.named_children if n.type == "identifier"]
            return []
        if holder.type in ("block", "statement_list") or holder.type in FUNCTION_TYPES:
            return []
    return []
