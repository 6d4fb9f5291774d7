"""
## What it does
Reports an `http.Client{...}` literal with no `Timeout` (and no `Transport` that can bound a
request, see Notes), unless the package sets the `Timeout` of the variable or field it is kept
in later; and requests sent through `http.DefaultClient` or the package-level
`http.Get/Head/Post/PostForm`, once per call site. Test code, examples (under an `examples`
directory), `generate`-tagged generators and requests written to a local endpoint
(`http://localhost...`, held in a constant, a parameter every caller fills so, or a config field
every value of which is one) are not reported, nor a client kept in a local that sends only such
requests. A link-local endpoint (the host's own metadata service at
`http://169.254.169.254/...`) is reported: it answers locally, but a stall there hangs the
caller as surely, which is why cloud SDKs bound their metadata clients.

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
Opt-in (`--select LG403`; the gate runs it), at level `note`: on fresh code 298 of 382
findings (78%) were judged worth fixing, under the 90% a default-on rule must hold (first
readings to draw 2026-12-02-github21; the seventeen GitHub draws of 2026-12-02 from the fifth
on read 14/16, 10/17, 20/27, 25/32, 10/10, 7/10, 4/6, 3/5, 11/13, 11/11, 3/7, 23/30, 12/18,
10/13, 2/3, 3/3 and 12/15, three of them at 90% or more). It was on by default as a note
until then. Selected on the two draws after (github22 and github23, 21 services): 6 of 7.
The false ones were mostly test-support code and hand-run tools outside `_test.go` files
(end-to-end images, harnesses and mock servers under `test/`), code nothing calls, clients
whose callee adds a deadline, and a health-check mode probing the process's own listen
address; local endpoints spelled through constants, formats, parsed URLs and reassigned
locals, defaults for a client every caller gives, clients handed to packages that send with a
context and files built only under a test tag (`e2e`, `integration`, `testing`) are now
followed.

A client given a `Transport` is assumed to get its deadlines there (a response-header timeout,
or a dialer of its own), unless it is an `http.Transport{...}` literal written in place that
sets neither: TLS settings, a proxy or pool limits do not stop a peer that never answers. A
placeholder client given to a struct field (`HTTPClient: &http.Client{}` in a constructor) that
code of the module also fills with a client that has a timeout (`client.HTTPClient =
config.HTTPClient` in the importing package) is a default its users replace, and one given to a
field nothing reads is never used. The default a function puts in place of a client parameter
left out (`if client == nil { client = &http.Client{} }`, or the fallback after `opts
...*http.Client`) is net/http's own, taken by the caller's choice: it is not reported when every
production caller in the module gives a client (callers out of view may not). A client literal
in a package that builds its requests with a context (`NewRequestWithContext`,
`req.WithContext`), and `http.DefaultClient.Do` there, are not reported: the caller's deadline
bounds those requests (a library's default client), unless this client itself sends, in its own
function, a request `http.NewRequest` built there that nothing gives a context
(`(&http.Client{}).Do(req)`, and `http.DefaultClient.Do(req)` alike). The same holds for a
client its package only hands to a function of another package of the module that builds its
requests so (`httpchallenge.VerifyChallenge(ctx, p.client, ...)`). Neither are the one-shot
requests of a command-line program (a `main` package that listens or serves nowhere, in a
function with no `context.Context` parameter, nor a handler's `*http.Request`, on the way in),
which Ctrl-C ends.

## Suppress
`//leakgate:ignore LG403 <reason>`.
"""

from __future__ import annotations

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.http import (
    HTTP,
    ResponseCall,
    default_for_absent_client,
    handed_to_context_senders,
    http_literals,
    literal_keys,
    local_endpoint,
    placeholder_replaced,
    request_to_local,
    requests_carry_contexts,
    response_calls,
    sends_only_to_local,
    sends_request_without_context,
    sends_uncancellable_request,
    set_later,
    stored_unused,
    transport_bounds_requests,
)
from leakgate.semantics.service import in_command_line_program


@rule(
    id="LG403", name="http-client-without-timeout", level=Level.NOTE, precision="medium",
    tags=("reliability", "network", "timeout"),
    imports=(HTTP,), default=False,
    summary="An http.Client without a Timeout, or a request through http.DefaultClient",
    help=__doc__,
)
def http_client_without_timeout(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return
    for literal in http_literals(ctx, "Client"):
        keys = literal_keys(literal)
        if "Timeout" in keys or ("Transport" in keys and
                                 transport_bounds_requests(ctx, literal)) or \
                set_later(ctx, literal, ("Timeout",)) or \
                placeholder_replaced(ctx, literal) or stored_unused(ctx, literal) or \
                default_for_absent_client(ctx, literal) or \
                sends_only_to_local(ctx, literal) or \
                (requests_carry_contexts(ctx.package_view) and
                 not sends_uncancellable_request(ctx, literal)) or \
                handed_to_context_senders(ctx, literal) or \
                in_command_line_program(ctx, literal):
            continue
        ctx.report(literal, "this http.Client has no Timeout: a peer that never answers pins "
                            "the calling goroutine forever; set Timeout (for example "
                            "`Timeout: 30 * time.Second`)")
    for response in response_calls(ctx):
        if not response.default_client or \
                local_endpoint(response.call, _url_position(response), ctx) or \
                (response.name.endswith(".Do") and request_to_local(ctx, response.call)) or \
                in_command_line_program(ctx, response.call):
            continue
        if response.name.endswith(".Do") and requests_carry_contexts(ctx.package_view) and \
                not sends_request_without_context(ctx, response.call):
            continue  # the request's context bounds it
        ctx.report(response.call, f"{response.name} sends through http.DefaultClient, which has "
                                  f"no timeout: a peer that never answers pins this goroutine "
                                  f"forever; use an http.Client with Timeout set")


def _url_position(response: ResponseCall) -> int:
    """Where the URL is among the arguments: first for `Get`/`Post`..., nowhere for `Do` (its
    request holds it)."""
    return 0 if not response.name.endswith(".Do") else 99
