"""
## What it does
Reports `for {}` with an empty body, an empty loop whose condition cannot change (`for true {}`,
`for done {}` on a local variable), and a loop whose only statement is a `select` with an empty
`default:` case.

## Why is this bad?
The loop never blocks: it burns a whole core, starves other goroutines on small machines, and
with a condition that cannot change it never ends either.

## Example
```go
for {
    select {
    case job := <-jobs:
        run(job)
    default:
    }
}
```

## Use instead
Drop the empty `default:` so the select blocks until a case is ready, or wait on a channel,
`sync.Cond` or timer instead of spinning.

## Notes
An empty loop whose condition calls a function (`for !ready() {}`) may be intentional polling and
is not reported, nor an empty `default:` in a loop that ends or progresses on its own (a range,
a three-clause loop, or a condition that calls something: `for pb.Next() { select { case
<-ctx.Done(): default: } }` measures a non-blocking check). Same shapes as staticcheck's
SA5002 and SA5004.

## Suppress
`//leakgate:ignore LG202 <reason>`.
"""

from __future__ import annotations

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.loops import loop_condition
from leakgate.semantics.syntax import statements_of, text, unparen


@rule(
    id="LG202", name="busy-loop", level=Level.WARNING, precision="very-high",
    tags=("reliability", "performance", "goroutine", "external/cwe/cwe-835"),
    summary="A loop that spins: empty body, or a select whose empty default never blocks",
    help=__doc__,
)
def busy_loop(ctx: FileContext) -> None:
    for loop in ctx.find("for_statement"):
        body = loop.child_by_field_name("body")
        statements = statements_of(body)
        endless, condition = loop_condition(loop)
        if not statements and (endless or _never_changes(ctx, condition)):
            what = "has an empty body" if endless else \
                f"has an empty body and its condition `{text(condition)}` never changes" \
                if condition is not None else "has an empty body"
            ctx.report(loop.children[0], f"this loop {what}: it spins, burning a core. Block on "
                                         f"a channel, timer or sync.Cond instead")
            continue
        if len(statements) == 1 and statements[0].type == "select_statement" and \
                (endless or _never_changes(ctx, condition)):
            for clause in statements[0].named_children:
                if clause.type == "default_case" and not statements_of(clause):
                    ctx.report(clause.children[0], "empty `default:` in a select inside a loop: "
                                                   "the select never blocks and the loop spins. "
                                                   "Remove the default case")


def _never_changes(ctx: FileContext, condition: Node | None) -> bool:
    if condition is None:
        return False
    condition = unparen(condition)
    if condition.type not in ("identifier", "true", "false"):
        return False
    if ctx.resolve(condition) is not None:
        return True  # a local variable: nothing in the empty body changes it
    return condition.type == "true"
