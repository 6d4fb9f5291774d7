"""Family 2: goroutines that can never exit, loops that spin, loops that ignore cancellation."""

from __future__ import annotations

import os
import re

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.concurrency import goroutine_body, goroutine_target, process_lifetime
from leakgate.semantics.loops import breaks_leaving_only_inner, loop_condition, loop_exits
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import ancestors, descendants, line_of, statements_of, text, unparen
from leakgate.semantics.types import context_parameters


# --------------------------------------------------------------------------------------------
@rule(
    id="LG202", name="busy-loop", level=Level.WARNING, precision="very-high",
    tags=("reliability", "performance", "goroutine", "external/cwe/cwe-835"),
    summary="A loop that spins: empty body, or a select whose empty default never blocks",
    help="""
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
""",
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


# --------------------------------------------------------------------------------------------
def _endless_loop(function: Node) -> Node | None:
    body = function.child_by_field_name("body")
    if body is None:
        return None
    for loop in descendants(body, frozenset({"for_statement"}), into_functions=False):
        if loop_condition(loop)[0]:
            return loop
    return None


@rule(
    id="LG201", name="goroutine-without-exit", level=Level.WARNING, precision="medium",
    tags=("reliability", "goroutine", "resource-leak", "external/cwe/cwe-835"),
    summary="A goroutine whose endless loop has no way out",
    help="""
## What it does
Reports a goroutine (a `go func() {...}()` literal, or `go f()` with `f` declared in the same
file) whose body runs an endless `for {}` loop and can never end: no `return`, no `break` that
leaves the loop, no `goto` out, no `panic`, `runtime.Goexit`, `os.Exit` or `log.Fatal`. A
`break` inside a `select` or `switch` only leaves that statement, and a `case <-ctx.Done():`
that does not return does not end the goroutine either.

## Why is this bad?
Nothing can stop such a goroutine: it holds its stack and everything it references for the life
of the process, and every restart of the component that started it leaks one more. Never start
a goroutine without knowing how it will stop.

## Example
```go
go func() {
    for {
        select {
        case ev := <-events:
            handle(ev)
        case <-ctx.Done():
            break // leaves the select, not the loop
        }
    }
}()
```

## Use instead
```go
        case <-ctx.Done():
            return
```

## Notes
Silent for goroutines meant to live as long as the process: started in `main.main` or `init`,
or in unexported functions of the package that only they call (found through the package's
files); singletons started once per process, under `sync.Once` (`once.Do(func() { go loop()
})`, `once.Do(s.startWorker)`) or behind a check of package-level state (`if started == 0 &&
cas(...) { go loop() }`, the runtime's own idiom); and relays of OS notifications, whose loop
waits on a channel given to `signal.Notify` or on a Windows event (stack-dump traps); and in
a command's own code, a package under a `cmd/` directory (the Go layout for programs), whose
components are wired up once per run: a console-resize poller or an mDNS loop there lives
exactly as long as the command. Silent in test code (`_test.go` files, test-support
packages), where tests and examples start endless goroutines on purpose (goleak is the tool
there).

## Suppress
`//leakgate:ignore LG201 <reason>` on the `go` line.
""",
)
def goroutine_without_exit(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for go_statement in ctx.go_statements:
        body = goroutine_body(ctx, go_statement)
        if body is not None and body.type == "func_literal" and \
                b"for" not in ctx.source.data[body.start_byte:body.end_byte]:
            continue  # a literal without a loop: the cheap test first
        target = goroutine_target(ctx, go_statement)
        if target is None:
            continue
        file, body = target
        loop = _endless_loop(body)
        if loop is None:
            continue
        cfg = file.cfg(body)
        if cfg is None or cfg.exits() or process_lifetime(ctx, go_statement) is not None:
            continue
        inner = breaks_leaving_only_inner(loop)
        hint = f" (the `break` on line {line_of(inner[0])} only leaves the select or switch)" \
            if inner else ""
        where = f"line {line_of(loop)}" if file is ctx else \
            f"line {line_of(loop)} of {os.path.basename(file.path)}"
        ctx.report(go_statement.children[0],
                   f"goroutine never exits: the endless loop on {where} has no "
                   f"return, no break out of it and no panic{hint}, so nothing can stop it. "
                   f"Give it a way out, such as `case <-ctx.Done(): return` or a done channel")


# --------------------------------------------------------------------------------------------
def _context_carriers(ctx: FileContext, function: Node,
                      parameters: list[Definition]) -> list[Definition]:
    """The context parameters and every local initialised from one of them, transitively."""
    carriers = list(parameters)
    scopes = ctx.scopes(function)
    for definition in scopes.definitions:
        if definition.function != function or definition in carriers:
            continue
        statement = definition.statement
        value = statement.child_by_field_name("right") or statement.child_by_field_name("value")
        if value is None or statement.type not in ("short_var_declaration", "var_spec"):
            continue
        for carrier in carriers:
            if any(value.start_byte <= use.start_byte < value.end_byte
                   for use in scopes.uses(carrier)):
                carriers.append(definition)
                break
    return carriers


def _blocking_operation(ctx: FileContext, loop: Node) -> Node | None:
    """A channel receive, a select without default, or time.Sleep in ``loop`` itself."""
    body = loop.child_by_field_name("body")
    if body is None:
        return None
    for node in descendants(body, frozenset({"unary_expression", "select_statement",
                                             "call_expression"}), into_functions=False):
        if node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == "<-":
                return node
        elif node.type == "select_statement":
            if not any(c.type == "default_case" for c in node.named_children):
                return node
        elif ctx.package_call(node) == ("time", "Sleep"):
            return node
    return None


def _select_leaves(loop: Node, exits: list[Node]) -> bool:
    """A select case in the loop leaves it: the loop has a stop signal of its own."""
    for exit_statement in exits:
        for holder in ancestors(exit_statement):
            if holder == loop:
                break
            if holder.type == "communication_case":
                return True
    return False


@rule(
    id="LG203", name="loop-ignores-cancellation", level=Level.WARNING, precision="medium",
    tags=("reliability", "context", "goroutine"),
    summary="An endless loop that blocks but never checks the context it was handed",
    help="""
## What it does
In a function that receives a `context.Context` (or an `*http.Request`), reports an endless
`for {}` loop that blocks — a channel receive, a `select` without `default`, `time.Sleep` — but
never looks at the context (nor at any context derived from it).

## Why is this bad?
When the caller cancels or its deadline passes, the loop keeps running and keeps its goroutine,
connections and memory: cancellation, the one shutdown signal Go code shares, is ignored.

## Example
```go
func poll(ctx context.Context) error {
    for {
        if done() {
            return nil
        }
        time.Sleep(time.Second)
    }
}
```

## Use instead
```go
    t := time.NewTicker(time.Second)
    defer t.Stop()
    for {
        if done() {
            return nil
        }
        select {
        case <-ctx.Done():
            return ctx.Err()
        case <-t.C:
        }
    }
```

## Notes
Any use of the context in the loop counts (passing it to a call propagates cancellation). A loop
whose select has a case that leaves it has a stop signal of its own, and a loop that waits on
channels but can end on its own (a return or break out, such as a closed-channel check) is
not reported; a loop that polls with `time.Sleep` is, exits or not, because its exit condition
may never come, unless a way out is guarded by the clock (`if time.Since(start) > limit {
return errTimeout }`: a deadline of its own). Silent in `_test.go` files, whose handlers hang
on purpose.

## Suppress
`//leakgate:ignore LG203 <reason>`.
""",
)
def loop_ignores_cancellation(ctx: FileContext) -> None:
    if ctx.is_test:
        return
    for loop in ctx.find("for_statement"):
        if not loop_condition(loop)[0]:
            continue
        function = ctx.enclosing_function(loop)
        if function is None:
            continue
        parameters = context_parameters(ctx, function)
        if not parameters:
            continue
        blocking = _blocking_operation(ctx, loop)
        if blocking is None:
            continue
        exits = loop_exits(ctx, loop)
        polls = blocking.type == "call_expression"
        if _select_leaves(loop, exits) or (exits and not polls) or _has_deadline(exits):
            continue
        scopes = ctx.scopes(function)
        carriers = _context_carriers(ctx, function, [p for p, _ in parameters])
        if any(loop.start_byte <= use.start_byte < loop.end_byte
               for carrier in carriers for use in scopes.uses(carrier)):
            continue
        parameter, is_request = parameters[0]
        shown = f"{parameter.name}.Context()" if is_request else parameter.name
        what = "sleeps" if blocking.type == "call_expression" else "blocks"
        ctx.report(loop.children[0],
                   f"this endless loop {what} (line {line_of(blocking)}) but never checks "
                   f"`{shown}`: when the caller cancels, it keeps running. Select on "
                   f"`{shown}.Done()` and return, or check `{shown}.Err()` each iteration")


_CLOCK = re.compile(r"\btime\.(?:Now|Since|Until)\(")


def _has_deadline(exits: list[Node]) -> bool:
    """A way out guarded by the clock (`if time.Now().After(end) { return errTimeout }`): a
    polling loop with a deadline of its own ends however long the caller waits."""
    for exit_node in exits:
        holder = exit_node.parent
        while holder is not None and holder.type not in ("if_statement", "for_statement"):
            holder = holder.parent
        if holder is None or holder.type != "if_statement":
            continue  # no `if` between the exit and its loop
        header = [holder.child_by_field_name(field) for field in ("initializer", "condition")]
        if any(part is not None and _CLOCK.search(text(part)) for part in header):
            return True
    return False


RULES = [goroutine_without_exit, busy_loop, loop_ignores_cancellation]
