"""
## What it does
Reports a response of `http.Get/Head/Post/PostForm`, of a client's `Do/Get/Head/Post/PostForm`
(a client known from its declaration, `http.DefaultClient`, or a struct field declared
`*http.Client`; another receiver when the code reads the result's `.Body`), of `RoundTrip`, or
of a function of the package that returns an `*http.Response` it leaves open
(`openResponse()` returning `client.Do(req)`), whose `Body` is not closed on every path where
the request's error was nil, naming the return that leaks it. Also a response discarded (`_`,
or the call's result dropped), and a response variable overwritten (a retry) before the
previous body was closed.

## Why is this bad?
An unclosed body keeps its connection out of the pool and its reading goroutine alive: at high
request rates the process runs out of file descriptors and memory long before anything looks
busy.

## Example
```go
resp, err := client.Do(req)
if err != nil {
    return err
}
if resp.StatusCode != http.StatusOK {
    return fmt.Errorf("status %d", resp.StatusCode) // body never closed
}
defer resp.Body.Close()
```

## Use instead
```go
resp, err := client.Do(req)
if err != nil {
    return err
}
defer resp.Body.Close()
if resp.StatusCode != http.StatusOK {
```

## Notes
Opt-in (`--select LG401`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: 29 of 51 findings were judged
worth fixing (draws 2026-12-01 to 2026-12-02m). The others were bodies drained or closed by
helpers and wrappers out of sight, responses with no body, and one-shot programs.

The body counts as handled once it is closed (directly, by `defer`, in a deferred closure), read
to its end (`io.ReadAll(resp.Body)`, `io.Copy(dst, resp.Body)`: the transport takes the
connection back at EOF, and closes it on a read error), or once the response or its body leaves
the function: returned, stored in a field or struct, sent, captured by a closure that may run,
kept in another variable (an `io.Closer`), kept through a closing wrapper
(`http.MaxBytesReader`), or passed to a function that may close it. A same-package helper, or a
literal called where it stands, counts when its summary says it closes or keeps what it is
given; formatting and logging (`fmt.Print(resp)`, `log.Printf`), decoders and limited readers
(`json.NewDecoder`, `io.LimitReader`) do not close, and a closure assigned to `_` never runs.
Paths on which the error was not nil (`if err != nil { return err }`) or the response is nil
need no close, a loop's condition included: a retry `for resp == nil { resp, err = ... }`
replaces no body, and `err == nil && resp.StatusCode == 503` taken means the request worked.
`httptest.ResponseRecorder.Result()` is not a request, and a HEAD response
(`Head`, or `Do` of a request built with method `"HEAD"`) has no body, nor has the branch of
`resp.StatusCode == http.StatusNoContent` (204) or `StatusNotModified` (304): net/http gives
those `http.NoBody` and has recycled the connection already. `main.main`, tests, and
command-line programs (a `main` package that listens or serves nowhere, and the packages inside
its directory that only it imports, unless they run on a ticker, in a function with no
`context.Context` parameter, nor a handler's
`*http.Request`, on the way in) are not checked: the process
ends.

## Suppress
`//leakgate:ignore LG401 <reason>`; `//nolint:bodyclose` is honoured.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cfg import describe_exit, or_naked_return
from leakgate.semantics.http import (
    HTTP,
    ResponseCall,
    body_closed,
    field_name,
    head_request,
    helper_response_calls,
    pass_through,
    response_calls,
    settling_uses,
    without_response,
)
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.summaries import call_of_argument
from leakgate.semantics.syntax import assignment_of, holding, line_of, text


@rule(
    id="LG401", name="response-body-not-closed", level=Level.ERROR, precision="medium",
    tags=("reliability", "network", "resource-leak", "external/cwe/cwe-772"),
    imports=(HTTP,),
    default=False,
    summary="An HTTP response body that is not closed on every path where the request succeeded",
    help=__doc__,
)
def response_body_not_closed(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # tests drop bodies on purpose, and their process ends with them
    for response in [*response_calls(ctx), *helper_response_calls(ctx)]:
        if head_request(ctx, response):
            continue  # a HEAD response has no body: the transport recycles the connection
        function = ctx.enclosing_function(response.call)
        if function is None or ctx.is_main_main(function) or b".Hijack()" in \
                ctx.source.data[function.start_byte:function.end_byte]:
            continue  # a hijacked connection is the caller's from then on
        call = response.call

        def report(node: Node, message: str, call: Node = call) -> None:
            if not in_command_line_program(ctx, call, libraries=True):
                ctx.report(node, message)  # a command-line program's leak ends with it

        _check_response(ctx, response, function, report)


def _check_response(ctx: FileContext, response: ResponseCall, function: Node,
                    report: Callable[[Node, str], None]) -> None:
    call = response.call
    while (outer := call_of_argument(call)) is not None and pass_through(ctx, outer, call):
        call = outer  # `checkResp(client.Do(req))`: the same response comes back out
    parent = call.parent
    if parent is not None and parent.type == "expression_statement":
        if response.known:
            report(call, f"the response of {response.name} is dropped, so its body can "
                             f"never be closed: the connection is never reused; keep it and "
                             f"`defer resp.Body.Close()`")
        return
    assigned = assignment_of(call)
    if assigned is None:
        return  # returned or handed on: the receiver's job
    statement, left = assigned
    if not left or left[0].type not in ("identifier", "blank_identifier"):
        return  # stored in a field or element
    if text(left[0]) == "_":
        if response.known:
            report(call, f"the response of {response.name} is assigned to `_`, so its "
                             f"body can never be closed: the connection is never reused")
        return
    scopes = ctx.scopes(call)
    definition = scopes.resolve(left[0])
    if definition is None or definition.function != function:
        return
    error_name = text(left[1]) if len(left) > 1 and left[1].type == "identifier" else None
    uses = scopes.uses(definition)
    if not response.known and not any(field_name(u) == "Body" for u in uses):
        return  # not known to be an *http.Response
    settled = holding(settling_uses(ctx, definition, uses, depth=0))
    closes = [u.start_byte for u in uses if field_name(u) == "Body" and body_closed(u)]
    if _closed_by_choice(ctx, function, closes, definition.name, error_name):
        return
    cfg = ctx.cfg(function)
    if cfg is None:
        return
    name = definition.name
    impossible = without_response(name, error_name)
    settles = or_naked_return(settled) if definition.kind == "result" else settled

    for again in _reassignments(ctx, uses, statement):
        if cfg.reaches_avoiding(call, again, settles, impossible):
            report(again, f"`{name}` is replaced here before the body of the response on "
                              f"line {line_of(call)} is closed: that connection leaks; close "
                              f"the body before retrying")
            return
    leak = cfg.exit_avoiding(call, settles, impossible)
    if leak is None:
        return
    report(call, f"the body of `{name}` ({response.name}) is not closed on every path: "
                     f"{describe_exit(leak)} is reached without `{name}.Body.Close()`, so the "
                     f"connection is never reused; call `defer {name}.Body.Close()` after the "
                     f"error check")


def _closed_by_choice(ctx: FileContext, function: Node, closes: list[int], response: str,
                      error: str | None) -> bool:
    """Whether every close sits under a condition about something else (an option such as
    `if !c.bufferedStream { defer resp.Body.Close() }`): the author chose when to close."""
    if not closes:
        return False
    names = {response, *([error] if error else [])}
    for position in closes:
        guard = _guarding_condition(ctx, function, position)
        if guard is None or any(re.search(rf"\b{re.escape(n)}\b", text(guard)) for n in names):
            return False
    return True


def _guarding_condition(ctx: FileContext, function: Node, position: int) -> Node | None:
    """The condition of the innermost `if` of ``function`` whose branch holds ``position``."""
    best = None
    for statement in ctx.find("if_statement"):
        if not function.start_byte <= statement.start_byte < function.end_byte or \
                ctx.enclosing_function(statement) != function:
            continue
        condition = statement.child_by_field_name("condition")
        if condition is not None and condition.end_byte <= position < statement.end_byte:
            best = condition
    return best


def _reassignments(ctx: FileContext, uses: list[Node], first: Node) -> list[Node]:
    """Statements that assign a new response to the variable (a retry), the first one's own
    statement included when it runs again in a loop."""
    found = [first] if ctx.inside(first, "for_statement") is not None else []
    for use in uses:
        holder = use.parent
        if holder is None or holder.type != "expression_list":
            continue
        statement = holder.parent
        if statement is None or statement.type != "assignment_statement" or \
                statement.child_by_field_name("left") != holder:
            continue
        right = statement.child_by_field_name("right")
        if right is not None and any(r.call.start_byte >= right.start_byte and
                                     r.call.end_byte <= right.end_byte
                                     for r in response_calls(ctx)):
            found.append(statement)
    return found
