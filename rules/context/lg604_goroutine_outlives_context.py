"""
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
Opt-in (`--select LG604`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: none of 5 findings was judged
worth fixing (draws 2026-12-01c and the GitHub draw of 2026-12-02). The goroutines were stream
processors whose cancel on return is how their work is meant to stop, and a watcher that ends on
the context in another package.

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
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.contexts import CONTEXT, WITH_CANCEL
from leakgate.semantics.http import HTTP
from leakgate.semantics.scope import Definition
from leakgate.semantics.summaries import body_waits_for_cancellation, waits_for_cancellation
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    assignment_of,
    call_callee,
    descendants,
    line_of,
    selected_field,
)
from leakgate.semantics.types import context_parameters


@rule(
    id="LG604", name="goroutine-outlives-context", level=Level.WARNING, precision="low",
    tags=("reliability", "context", "goroutine"),
    imports=(CONTEXT, HTTP),
    default=False,
    summary="A goroutine uses a context that is cancelled when the starting function returns",
    help=__doc__,
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
            if _waits_after(function, go_statement) or \
                    _runs_until_cancelled(ctx, go_statement) is not False:
                break  # waited for, or a worker the cancel is meant to stop
            function_name = ctx.function_name(function) or "the function"
            ctx.report(go_statement.children[0] if go_statement.children else go_statement,
                       f"goroutine uses `{shown}`, which is cancelled when {function_name} "
                       f"returns ({reason}), and {function_name} does not wait for it: its "
                       f"work is cut off. Wait for the goroutine, or give it a context that "
                       f"outlives the call (context.WithoutCancel, Go 1.21+)")
            break


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


def _waits_after(function: Node, go_statement: Node) -> bool:
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
