"""
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
Opt-in (`--select LG603`, or `--select LG` for every rule); the delivery gate runs it. Its
precision on fresh code is under the 90% a default rule must hold: since draw 2026-12-02l, 33 of
40 findings on Debian's service packages and 11 of 28 on Go services from GitHub were judged
worth fixing. Most false ones had a context in reach of a request whose client has a timeout;
the others were detached work (now silent), test fixtures and local admin endpoints.

Reported where a context is in reach and not passed: a `context.Context` or handler
`*http.Request` parameter, a local context (`ctx := r.Context()`, `context.WithTimeout(...)`), a
receiver that holds a context or is made where one is in reach, or a production caller of the
package (three calls up) that holds one, not across a `go` statement (work started with `go`
outlives the function whose context would cancel it). Where no context is anywhere in reach,
only a request whose client is known to have no timeout is reported (`http.Get`,
`http.DefaultClient`, an `http.Client{}` without `Timeout`, followed through locals, parameters,
struct fields and package variables the package sets): nothing but the peer ends it. A client
given a `Timeout` after it is made (`c := cleanhttp.DefaultClient(); c.Timeout = d`) has one,
and a transport the caller supplies (a parameter of a function nothing in the module calls) or
that dials through a dialer of the code's own (which may set read deadlines) is of unknown make.
A context-free API sending through a client with a timeout, or through a client of unknown make,
has nothing to propagate. Measured on fresh code (draw 2026-12-01d, lego's DNS providers): 84 of
88 such findings were judged false.

Silent when the request gets a context after all: `req.WithContext(ctx)` later (also on a
template request kept in a field), handed to a call out of sight that also takes a context
(`client.Do(ctx, req)` wrappers: an argument declared or made as a context, or a local of
unknown make; a local spelled `ctx` but made as something else is not one; a wrapper in sight
answers for itself), handed to a helper of the package that does one of these with
it (`doRequest(req)` sending `req.WithContext(s.ctx)`), or built by a helper (that returns it,
or returns the field of a local struct literal holding it) whose every caller in the package
does one of these (an exported builder nobody in the package calls is left to its callers).
Silent too when it can be cancelled the older way, its `Cancel` channel set
(`req.Cancel = ctx.Done()`, directly or by a helper), and when it is never sent: never handed to
anything (only its URL read), only signed (`Sign`, `Presign`), or served in-process
(`h.ServeHTTP(w, req)`, a handler called with an `httptest.NewRecorder()`). Requests to a
local endpoint written in the code, or in the constant (or the package variable no production
code assigns again) the URL starts with (`"http://localhost..."`, a loopback address, the
placeholder host of a unix-socket client, `"http://." + path`, or a link-local address such as
the instance metadata service `169.254.169.254`, or GCP's `http://metadata/`) reach the host,
not remote work, and are not reported (LG403, opt-in, still asks the default client for a
timeout); so do URLs held in a config field only the package can set (an unexported field or
struct, every value the package gives it such an address), formatted from one
(`fmt.Sprintf("%s?%s", base, q)`), or returned so by the package function they come from.

Silent in a command-line program (a `main` package that listens or serves nowhere, in a
function with no `context.Context` parameter, nor a handler's
`*http.Request`, on the way in): its one-shot
request is cancelled by Ctrl-C. A `main` package that runs a server is service code and is
checked as anywhere else.

Silent in test code, where requests go to test servers: `_test.go` files, files that import
`testing` or a test framework (ginkgo, gomega, testify, gocheck), programs kept out of builds
(`//go:build ignore`) or built only for fuzzing, test-support packages (`testutil`,
`httptest`, a functional-test `tester`); and in examples (`examples/` or demo directories,
`example` or `generate` build tags) and generator support (`internal/gen`).

## Suppress
`//leakgate:ignore LG603 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.http import (
    HTTP,
    PACKAGE_SENDERS,
    client_timeout,
    is_http_client,
    local_endpoint,
    sent_without_timeout,
)
from leakgate.semantics.reach import context_in_reach
from leakgate.semantics.service import in_command_line_program
from leakgate.semantics.summaries import request_gets_context
from leakgate.semantics.syntax import text


@rule(
    id="LG603", name="request-without-context", level=Level.WARNING, precision="medium",
    tags=("reliability", "context", "network"),
    imports=(HTTP,),
    default=False,
    summary="HTTP request built or sent without a context",
    help=__doc__,
)
def request_without_context(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return
    for call, _ in ctx.calls_to(HTTP, {"NewRequest"}):
        if not request_gets_context(ctx, call) and \
                not local_endpoint(call, 1, ctx, link_local=True) and \
                not in_command_line_program(ctx, call) and _unbounded(ctx, call):
            ctx.report(call, "http.NewRequest builds a request that cannot be cancelled and "
                             "carries no trace context: use http.NewRequestWithContext(ctx, ...)")
    for call, name in ctx.calls_to(HTTP, PACKAGE_SENDERS):
        # Sent through http.DefaultClient, which has no timeout: unbounded either way.
        if not local_endpoint(call, 0, ctx, link_local=True) and \
                not in_command_line_program(ctx, call):
            ctx.report(call, f"http.{name} sends a request that cannot be cancelled: build it "
                             f"with http.NewRequestWithContext(ctx, ...) and send it with "
                             f"client.Do")
    for name in sorted(PACKAGE_SENDERS):
        for call, operand in ctx.method_calls(name):
            if is_http_client(ctx, operand) and \
                    not local_endpoint(call, 0, ctx, link_local=True) and \
                    not in_command_line_program(ctx, call) and \
                    (context_in_reach(ctx, call) or client_timeout(ctx, operand) is False):
                ctx.report(call, f"{text(operand)}.{name} sends a request that cannot be "
                                 f"cancelled: build it with http.NewRequestWithContext(ctx, ...) "
                                 f"and send it with {text(operand)}.Do")


def _unbounded(ctx: FileContext, call: Node) -> bool:
    """A context at hand and not passed; or none in reach and a client with no timeout (the
    one the request is sent with, where the function or its helpers send it), so
    nothing ends the request but the peer. With no context anywhere in reach and a client of
    unknown make (a field, a parameter), there is nothing to propagate and the client's owner
    sets its timeout."""
    return context_in_reach(ctx, call) or sent_without_timeout(ctx, call)
