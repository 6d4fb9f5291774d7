"""
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
"""

from __future__ import annotations

import re

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.http import HTTP, response_calls
from leakgate.semantics.syntax import assignment_of, text


@rule(
    id="LG402", name="body-close-before-error-check", level=Level.ERROR, precision="very-high",
    tags=("reliability", "network", "correctness"),
    imports=(HTTP,),
    summary="`defer resp.Body.Close()` before the request's error is checked",
    help=__doc__,
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
