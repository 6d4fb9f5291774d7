"""
## What it does
Reports a `context.WithCancel`, `WithTimeout`, `WithDeadline` (or `...Cause`) call whose cancel
function is discarded (`_`), or is not called or otherwise used on some path to a return. The
finding sits on the call, and its related location marks the return (or closing brace) that
leaks it: one alert with two places (SARIF `relatedLocations`).
This follows go vet's `lostcancel`: any use counts (calling it, deferring it, storing it in a
field, passing it to a helper, returning it), because after a use the cancel is somebody's job.

## Why is this bad?
A derived context holds a slot in its parent's child list (and, with a timeout, a timer) until
it is cancelled. Without cancel, a `WithCancel` context lives until its parent ends, which for
`context.Background()` is never: a slow leak on every call. A `WithTimeout`/`WithDeadline`
context lets go at its deadline, so its leak lasts that long: on a hot path with a long
timeout, timers and contexts pile up.

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
Opt-in (`--select LG601`, or `--select LG` for every rule); the delivery gate runs it. Fresh code
does not support a default: none of 16 findings on code nobody had tuned it on was judged worth
fixing (first readings to draw 2026-12-02-github4). Half were in `_test.go` files, which it no
longer checks; the rest held nothing worth releasing (a context already over on that path, a
child of `Background()` with no timer, test-support helpers).

On fresh code none of 12 findings was judged worth fixing (draws 2026-12-01f to 2026-12-02l).
Eight were in `_test.go` files, which it no longer checks (see below). The four in production
code were lost cancels that held nothing worth releasing: a context already over on that path,
and one kept in a struct for later fetches. Its cancel fields (draws 2026-12-03-github24 to
-github28): 3 of 6 worth fixing; the others a test suite's (test code is now left alone), a field
nothing reads under a server's own context, a one-shot benchmark's. Its older shapes on -github28
and -github29: 0 of 3 (returns reached with the context over; an example's `main.main`, now
exempt). On 2026-12-04-github31 to -github33: 3 of 36, judged by what the lost cancel holds: a
child of the request's context (now exempt), a timeout released at its deadline, a context of
once-per-process code or of `Background()` with no timer. go vet reports those too, and its
testdata is this rule's conformance test: the gap is between vet's contract and a reviewer's.

Paths that end in `panic`, `os.Exit`, `log.Fatal`, `t.FailNow` or an endless loop are not
returns, and a path that has received from the context's own `Done()` needs no cancel: the
context is over and has released its timer and its parent. `main.main` is exempt: the process
exits. So is a child of the request's own context in a handler (`context.WithCancel(
r.Context())` with `r` the handler's `*http.Request`, or a gRPC server stream's
`stream.Context()`): the server cancels it when the handler returns, and the child with it. A
cancel variable declared outside the function (a package variable, or a variable of the
enclosing function assigned in a closure) is assumed to be handled elsewhere.

A cancel kept in a struct field (`ctx, s.cancel = context.WithCancel(...)`, or a variable
whose only uses store it: `s.cancel = cancel`, `&watch{cancel: cancel}`) is reported only when
no code of the package calls that field, hands it on or copies it (tests included), nothing of
a type the syntax does not give calls a field of that name, and the type has a method that
ends it (`Close`, `Stop` ...) and forgets the cancel. A type with no end (a singleton, an
object `init` builds) keeps its context on purpose (github24 to -33: 3 of 12 such findings
worth fixing; 2 of 2 with a forgetful `Close`). An exported field of an exported type that other
packages can reach is theirs to call, and not reported. Nor is a field of test code (a file
that imports `testing`, a test-support package): a suite's `SetupTest` keeping a cancel that no
`TearDownTest` calls holds its context until the deadline or the end of the test binary.

Silent in `_test.go` files, which run only in `go test`'s binary: what a lost cancel holds
there is released at its deadline or when the binary exits, and it cannot hang or fail a
test. Measured on fresh code (draws 2026-12-01f to 2026-12-02l): none of the 9 findings in
`_test.go` files was judged worth fixing (short timeouts, `WithCancel(context.Background())`
handed to one synchronous call); go vet's `lostcancel` still reports them. Test-support
packages and fuzz harnesses, which other code runs, are checked.

## Suppress
`//leakgate:ignore LG601 <reason>` on the line before or at the end of the line.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cfg import describe_exit, or_naked_return
from leakgate.semantics.concurrency import ESCAPE
from leakgate.semantics.contexts import CONTEXT, WITH_CANCEL, released_with_request
from leakgate.semantics.field_sites import ACCESSOR, CALL, accessed_field, field_sites, place
from leakgate.semantics.fields import Field
from leakgate.semantics.package import base_type_name
from leakgate.semantics.syntax import assignment_of, line_of, text


@rule(
    id="LG601", name="lost-cancel", level=Level.ERROR, precision="medium",
    tags=("reliability", "context", "resource-leak", "external/cwe/cwe-772"),
    imports=(CONTEXT,),
    summary="The cancel function of context.WithCancel/WithTimeout/WithDeadline is lost",
    default=False,
    help=__doc__,
)
def lost_cancel(ctx: FileContext) -> None:
    if ctx.path.endswith("_test.go"):
        return  # runs only in `go test`'s binary: nothing it holds outlives the run
    for call, name in ctx.calls_to(CONTEXT, WITH_CANCEL):
        assigned = assignment_of(call)
        if assigned is None:
            continue  # returned, passed on, or used in an expression: it escapes
        statement, left = assigned
        if len(left) != 2:
            continue
        cancel = left[1]
        function = ctx.enclosing_function(call)
        if released_with_request(ctx, call):
            continue  # a child of the request's context: the server cancels it on return
        if cancel.type == "blank_identifier" or text(cancel) == "_":
            if function is not None and ctx.is_main_main(function):
                continue  # main's return ends the process: nothing to release
            ctx.report(call, f"the cancel function returned by context.{name} is discarded: "
                             f"keep it and call it (`defer cancel()`) to release the context's "
                             f"resources")
            continue
        if cancel.type != "identifier":
            field = accessed_field(ctx, cancel)
            if field is not None and function is not None and not ctx.is_main_main(function) \
                    and never_called(ctx, field):
                _report_field(ctx, call, name, cancel, field)
            continue  # an element, or a field something calls
        if function is None or ctx.is_main_main(function):
            continue
        scopes = ctx.scopes(call)
        definition = scopes.resolve(cancel)
        if definition is None or definition.function != function:
            continue  # a package or enclosing-function variable: used elsewhere
        stored = _only_stored(ctx, scopes.uses(definition))
        if stored and all(never_called(ctx, field) for _, field in stored):
            _report_field(ctx, call, name, stored[0][0], stored[0][1])
            continue  # else the store is a use: a path that returns before it leaks
        cfg = ctx.cfg(function)
        if cfg is None:
            continue
        positions = [use.start_byte for use in scopes.uses(definition)]
        positions += _done_received(ctx, left[0])
        uses = or_naked_return(positions) if definition.kind == "result" else positions
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



_STOPS = ("Close", "Stop", "Shutdown", "Destroy", "Release", "Cancel", "Quit", "Exit", "Terminate",
          "Teardown", "StopFunc", "close", "stop", "shutdown", "destroy")


def _report_field(ctx: FileContext, call: Node, name: str, where: Node, field: Field) -> None:
    """Only when a method that ends the type forgets the cancel (see the Notes)."""
    stop = next((ref for method in _STOPS
                 for ref in ctx.package_view.methods_named(method).get(field.owner, [])), None)
    if stop is None:
        return
    shown = f"{field.owner}{{{field.name}: ...}}" if where.type == "keyed_element" else text(where)
    ctx.report(call, f"the cancel function returned by context.{name} is kept in `{shown}` "
                     f"(`{field.owner}.{field.name}`), and no code of the package calls it: "
                     f"`{stop.qualified}` ({place(ctx, stop.file, stop.node)}) ends the "
                     f"{field.owner} without it, and the context lives until its parent ends; "
                     f"call it there")


def _only_stored(ctx: FileContext, uses: list[Node]) -> list[tuple[Node, Field]] | None:
    """When every use of the cancel variable stores it in a field of a package type
    (`s.cancel = cancel`, `&T{cancel: cancel}`): where, and which fields; else None."""
    stored = []
    for use in uses:
        field = None
        where: Node | None = None
        parent = use.parent
        if parent is not None and parent.type == "expression_list" and parent.parent is not None \
                and parent.parent.type == "assignment_statement" and \
                parent.parent.child_by_field_name("right") == parent:
            left = parent.parent.child_by_field_name("left")
            values = [c.id for c in parent.named_children]
            targets = left.named_children if left is not None else []
            if len(targets) == len(values):
                where = targets[values.index(use.id)]
                field = accessed_field(ctx, where) if where.type == "selector_expression" \
                    else None
        elif parent is not None and parent.type == "literal_element":
            keyed = parent.parent
            if keyed is not None and keyed.type == "keyed_element" and \
                    keyed.named_children[0].id == parent.id:
                continue  # the key of `cancel: cancel`, a field name
            if keyed is not None and keyed.type == "keyed_element" and \
                    keyed.named_children[-1].id == parent.id:
                literal = keyed.parent.parent if keyed.parent is not None else None
                owner = base_type_name(literal.child_by_field_name("type")) \
                    if literal is not None and literal.type == "composite_literal" else None
                key = keyed.named_children[0]
                if owner is not None and ctx.package_view.struct_fields_of(owner) is not None:
                    field, where = Field(owner, text(key)), keyed
        if field is None or where is None:
            return None
        stored.append((where, field))
    return stored


def never_called(ctx: FileContext, field: Field) -> bool:
    """No code of the package calls the function kept in ``field``, hands it on or copies
    it, and nothing of unknown type or in another package may. Test code (a suite's
    `SetupTest` keeping a cancel no `TearDownTest` calls) runs in `go test`'s binary, as
    `_test.go` files do."""
    if ctx.is_test or ctx.package_view.field_type(field.owner, field.name) is None:
        return False  # promoted from an embedded struct, or not the package's type
    sites = field_sites(ctx, field)
    return not (sites.foreign or sites.of(CALL, ESCAPE, ACCESSOR) or
                sites.hidden_of(CALL, ESCAPE, ACCESSOR))


def _done_received(ctx: FileContext, derived: Node) -> list[int]:
    """Where the function receives from the derived context's `Done()` (`case <-ctx.Done():`):
    past it the context is over and has let go of its timer and its parent, so cancel has
    nothing left to release."""
    definition = ctx.resolve(derived) if derived.type == "identifier" else None
    if definition is None:
        return []
    found = []
    for use in ctx.scopes(derived).uses(definition):
        selector = use.parent
        call = selector.parent if selector is not None else None
        receive = call.parent if call is not None else None
        if selector is not None and selector.type == "selector_expression" and \
                text(selector.child_by_field_name("field") or selector) == "Done" and \
                call is not None and call.type == "call_expression" and \
                receive is not None and receive.type == "unary_expression" and \
                text(receive).startswith("<-"):
            found.append(receive.start_byte)
    return found
