"""Family 4: network resources — response bodies never closed, closed before the error check,
clients without a timeout, servers without read timeouts."""

from __future__ import annotations

import re
from typing import cast

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.cfg import Branch, describe_exit
from leakgate.semantics.http import (
    HTTP,
    ResponseCall,
    assigned_name,
    body_closed,
    field_name,
    http_literals,
    literal_keys,
    local_endpoint,
    nil_check,
    response_calls,
    set_later,
    settling_uses,
    untimed_servers,
)
from leakgate.semantics.scope import Definition
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.syntax import (
    assignment_of,
    line_of,
    text,
)


# --------------------------------------------------------------------------------------------
@rule(
    id="LG401", name="response-body-not-closed", level=Level.ERROR, precision="high",
    tags=("reliability", "network", "resource-leak", "external/cwe/cwe-772"),
    imports=(HTTP,),
    summary="An HTTP response body that is not closed on every path where the request succeeded",
    help="""
## What it does
Reports a response of `http.Get/Head/Post/PostForm`, of a client's `Do/Get/Head/Post/PostForm`
(a client known from its declaration, `http.DefaultClient`, or a struct field declared
`*http.Client`; another receiver when the code reads the result's `.Body`) or of `RoundTrip`,
whose `Body` is not closed on every path where the request's error was nil, naming the return
that leaks it. Also a response discarded (`_`, or the call's result dropped), and a response
variable overwritten (a retry) before the previous body was closed.

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
The body counts as handled once it is closed (directly, by `defer`, in a deferred closure), or
once the response or its body leaves the function: returned, stored in a field or struct,
sent, captured by a closure, kept in another variable (an `io.Closer`), or passed to a function
that may close it. A same-package helper counts when its summary says it closes or keeps what
it is given; standard readers (`io.ReadAll`, `io.Copy`, `json.NewDecoder` ...) do not close.
Paths on which the error was not nil (`if err != nil { return err }`) or the response is nil
need no close. `httptest.ResponseRecorder.Result()` is not a request, and a HEAD response
(`Head`, or `Do` of a request built with method `"HEAD"`) has no body. `main.main`, tests, and
command-line programs (a `main` package that listens or serves nowhere, in a function with no
`context.Context` or `*http.Request` parameter on the way in) are not checked: the process
ends.

## Suppress
`//leakgate:ignore LG401 <reason>`; `//nolint:bodyclose` is honoured.
""",
)
def response_body_not_closed(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # tests drop bodies on purpose, and their process ends with them
    for response in response_calls(ctx):
        if response.name.endswith(".Head") or _head_request(ctx, response):
            continue  # a HEAD response has no body: the transport recycles the connection
        function = ctx.enclosing_function(response.call)
        if function is None or ctx.is_main_main(function) or b".Hijack()" in \
                ctx.source.data[function.start_byte:function.end_byte]:
            continue  # a hijacked connection is the caller's from then on
        if in_command_line_program(ctx, response.call):
            continue  # a command-line program's request: its process ends with it
        _check_response(ctx, response, function)


def _head_request(ctx: FileContext, response: ResponseCall) -> bool:
    """`client.Do(req)` of a request built in the function as `http.NewRequest("HEAD", ...)`
    (or `http.MethodHead`, or with a context)."""
    if not response.name.endswith(".Do"):
        return False
    arguments = response.call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    if len(items) != 1 or items[0].type != "identifier":
        return False
    definition = ctx.resolve(items[0])
    if definition is None or any(_reassigned(use) for use in ctx.scopes(items[0]).uses(definition)):
        return False  # `req, _ = http.NewRequest("GET", ...)` later: not the one made here
    statement = definition.statement
    right = statement.child_by_field_name("right") if statement is not None and \
        statement.type in ("short_var_declaration", "assignment_statement") else None
    values = right.named_children if right is not None else []
    call = values[0] if values and values[0].type == "call_expression" else None
    qualified = ctx.package_call(call) if call is not None else None
    if call is None or qualified not in (("net/http", "NewRequest"),
                                         ("net/http", "NewRequestWithContext")):
        return False
    call_arguments = call.child_by_field_name("arguments")
    method_items = [a for a in call_arguments.named_children if a.type != "comment"] \
        if call_arguments is not None else []
    position = 0 if qualified[1] == "NewRequest" else 1
    method = text(method_items[position]) if position < len(method_items) else ""
    return method in ('"HEAD"', "http.MethodHead")


def _reassigned(use: Node) -> bool:
    holder = use.parent
    if holder is not None and holder.type == "expression_list":
        holder = holder.parent
    left = holder.child_by_field_name("left") if holder is not None and \
        holder.type == "assignment_statement" else None
    return left is not None and left.start_byte <= use.start_byte < left.end_byte


def _check_response(ctx: FileContext, response: ResponseCall, function: Node) -> None:
    call = response.call
    parent = call.parent
    if parent is not None and parent.type == "expression_statement":
        if response.known:
            ctx.report(call, f"the response of {response.name} is dropped, so its body can "
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
            ctx.report(call, f"the response of {response.name} is assigned to `_`, so its "
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
    settled = settling_uses(ctx, definition, uses, depth=0)
    closes = [u.start_byte for u in uses if field_name(u) == "Body" and body_closed(u)]
    if _closed_by_choice(ctx, function, closes, definition.name, error_name):
        return
    cfg = ctx.cfg(function)
    if cfg is None:
        return
    name = definition.name
    impossible = _impossible_branches(name, error_name)

    named_result = definition.kind == "result"

    def settles(item: Node, positions: list[int] = settled) -> bool:
        if named_result and item.type == "return_statement" and item.named_child_count == 0:
            return True  # a naked return hands the named result to the caller
        return any(item.start_byte <= p < item.end_byte for p in positions)

    for again in _reassignments(ctx, definition, uses, statement):
        if cfg.reaches_avoiding(call, again, settles, impossible):
            ctx.report(again, f"`{name}` is replaced here before the body of the response on "
                              f"line {line_of(call)} is closed: that connection leaks; close "
                              f"the body before retrying")
            return
    leak = cfg.exit_avoiding(call, settles, impossible)
    if leak is None:
        return
    ctx.report(call, f"the body of `{name}` ({response.name}) is not closed on every path: "
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


def _impossible_branches(response: str, error: str | None) -> Branch:
    """Branches on which there is no body to close: the error is set, or the response nil."""

    mentions_error = re.compile(rf"\b{re.escape(error)}\b") if error is not None else None

    def impossible(condition: Node, taken: bool) -> bool:
        if error is not None and mentions_error is not None:
            holds_when_set = nil_check(condition, error)
            if holds_when_set is not None:
                if taken == holds_when_set:
                    return True
            elif taken and mentions_error.search(text(condition)):
                # `if isTimeout(err)`, `errors.Is(err, x)`, `err != nil && retry < 3`: the
                # branch is about a failed request.
                return True
        for value in (response, f"{response}.Body"):
            holds_when_set = nil_check(condition, value)
            if holds_when_set is not None and taken != holds_when_set:
                return True  # no response, or no body: nothing to close
        return False

    return impossible


def _reassignments(ctx: FileContext, definition: Definition, uses: list[Node],
                   first: Node) -> list[Node]:
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


# --------------------------------------------------------------------------------------------
@rule(
    id="LG402", name="body-close-before-error-check", level=Level.ERROR, precision="very-high",
    tags=("reliability", "network", "correctness"),
    imports=(HTTP,),
    summary="`defer resp.Body.Close()` before the request's error is checked",
    help="""
## What it does
Reports a `defer` that uses the response right after `resp, err := client.Do(req)` (or any
call of LG401's list), before `err` is checked — go vet's `httpresponse`.

## Why is this bad?
When the request fails the response is nil: the deferred `resp.Body.Close()` panics with a
nil-pointer dereference, exactly when the service is already in trouble.

## Example
```go
resp, err := http.Get(url)
defer resp.Body.Close()
if err != nil {
    return err
}
```

## Use instead
```go
resp, err := http.Get(url)
if err != nil {
    return err
}
defer resp.Body.Close()
```

## Suppress
`//leakgate:ignore LG402 <reason>`; `//nolint:govet` is honoured.
""",
)
def body_close_before_error_check(ctx: FileContext) -> None:
    for response in response_calls(ctx):
        if not response.known:
            continue
        assigned = assignment_of(response.call)
        if assigned is None:
            continue
        statement, left = assigned
        if len(left) != 2 or left[0].type != "identifier":
            continue
        following = statement.next_named_sibling
        while following is not None and following.type == "comment":
            following = following.next_named_sibling
        name = text(left[0])
        if following is not None and following.type == "defer_statement" and \
                re.match(rf"defer\s+{re.escape(name)}\s*\.", text(following)):
            check = "the error check" if text(left[1]) == "_" else f"`if {text(left[1])} != nil`"
            ctx.report(following, f"using {name} before checking for errors: {name} is nil "
                                  f"when {response.name} fails, and this deferred call then "
                                  f"panics; move it after {check}")


# --------------------------------------------------------------------------------------------
def _requests_carry_contexts(ctx: FileContext) -> bool:
    """Whether the package builds its requests with a context: the caller's deadline then
    bounds them, and a client timeout is the caller's choice (a library's default client)."""

    def compute() -> bool:
        return any(b"NewRequestWithContext(" in data or b".WithContext(" in data or
                   b"ctxhttp." in data for data in ctx.package_view.texts())

    return cast(bool, ctx.package_view.fact("requests carry contexts", compute))


@rule(
    id="LG403", name="http-client-without-timeout", level=Level.WARNING, precision="medium",
    tags=("reliability", "network", "timeout"),
    imports=(HTTP,),
    summary="An http.Client without a Timeout, or a request through http.DefaultClient",
    help="""
## What it does
Reports an `http.Client{...}` literal with neither `Timeout` nor `Transport` set, unless the
package sets the `Timeout` of the variable or field it is kept in later; and requests sent
through `http.DefaultClient` or the package-level `http.Get/Head/Post/PostForm`, once per call
site. Test code, examples (under an `examples` directory), `generate`-tagged generators and
requests written to a local endpoint (`http://localhost...`) are not reported.

## Why is this bad?
Neither the default client nor a zero `http.Client` has a timeout: a peer that accepts the
connection and never answers pins the calling goroutine, and whatever it holds, forever.

## Example
```go
client := &http.Client{}
resp, err := client.Get(url)
```

## Use instead
```go
client := &http.Client{Timeout: 30 * time.Second}
```

## Notes
A client given a `Transport` is assumed to get its deadlines there (dial, TLS handshake and
response-header timeouts). A client literal in a package that builds its requests with a
context (`NewRequestWithContext`, `req.WithContext`), and `http.DefaultClient.Do` there, are not
reported: the caller's deadline bounds those requests (a library's default client). Neither
are the one-shot requests of a command-line program (a `main` package that listens or serves
nowhere, in a function with no `context.Context` or `*http.Request` parameter on the way in),
which Ctrl-C ends.

## Suppress
`//leakgate:ignore LG403 <reason>`.
""",
)
def http_client_without_timeout(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return
    for literal in http_literals(ctx, "Client"):
        if literal_keys(literal) & {"Timeout", "Transport"} or \
                set_later(ctx, assigned_name(literal), ("Timeout",)) or \
                _requests_carry_contexts(ctx) or in_command_line_program(ctx, literal):
            continue
        ctx.report(literal, "this http.Client has no Timeout: a peer that never answers pins "
                            "the calling goroutine forever; set Timeout (for example "
                            "`Timeout: 30 * time.Second`)")
    for response in response_calls(ctx):
        if not response.default_client or local_endpoint(response.call, _url_position(response)) \
                or in_command_line_program(ctx, response.call):
            continue
        if response.name.endswith(".Do") and _requests_carry_contexts(ctx):
            continue  # the request's context bounds it
        ctx.report(response.call, f"{response.name} sends through http.DefaultClient, which has "
                                  f"no timeout: a peer that never answers pins this goroutine "
                                  f"forever; use an http.Client with Timeout set")


def _url_position(response: ResponseCall) -> int:
    return 0 if not response.name.endswith(".Do") else 99


@rule(
    id="LG404", name="http-server-without-timeouts", level=Level.WARNING, precision="high",
    tags=("reliability", "network", "timeout", "security", "external/cwe/cwe-400"),
    imports=(HTTP,),
    summary="An HTTP server without ReadHeaderTimeout (or ReadTimeout): slowloris",
    help="""
## What it does
Reports `http.ListenAndServe`, `http.ListenAndServeTLS`, `http.Serve` and `http.ServeTLS`,
which run a server that has no timeouts, and an `http.Server{...}` literal with neither
`ReadHeaderTimeout` nor `ReadTimeout`, unless the package sets one of them on the variable or
field the server is kept in. Test code, examples (an `examples` directory, or one named for a
demo such as `tlsdemo` or `raftexample`), generators (`generate`-tagged, `internal/gen`),
servers listening on a loopback address (written in the call, `"localhost:6060"`, or the
default of the flag the address is read from, `flag.String("http", "localhost:6060", ...)`),
and `http.Serve` on a unix socket or loopback listener made in the same function are not
reported.

## Why is this bad?
Without a read deadline a client can open connections and send headers a byte at a time: each
holds a goroutine and a file descriptor for as long as it likes, and a few hundred exhaust the
server (slowloris; gosec G112 and G114).

## Example
```go
log.Fatal(http.ListenAndServe(":8080", mux))
```

## Use instead
```go
srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
log.Fatal(srv.ListenAndServe())
```

## Suppress
`//leakgate:ignore LG404 <reason>`; `//nolint:gosec` is honoured.
""",
)
def http_server_without_timeouts(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return
    for server in untimed_servers(ctx):
        if server.call is not None:
            ctx.report(server.node, f"{server.call} runs a server without timeouts: slow "
                                    f"clients hold connections and goroutines without limit; "
                                    f"use an http.Server with ReadHeaderTimeout set")
        else:
            ctx.report(server.node, "this http.Server has no ReadHeaderTimeout or ReadTimeout: "
                                    "slow clients hold connections and goroutines without "
                                    "limit; set ReadHeaderTimeout (for example "
                                    "`ReadHeaderTimeout: 10 * time.Second`)")


RULES = [response_body_not_closed, body_close_before_error_check, http_client_without_timeout,
         http_server_without_timeouts]
