"""Family 3: sync.WaitGroup misuse — Add inside the goroutine, Done that can be skipped, groups
copied by value, Wait inside the loop that starts the goroutines."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import cast

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.goversion import WAITGROUP_GO
from leakgate.semantics.concurrency import goroutine_body, goroutine_target
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import descendants, line_of, text, unparen
from leakgate.semantics.types import initial_value
from leakgate.semantics.waitgroups import (
    GroupCall,
    calls_in,
    declared_names,
    group_calls,
    receiver_name,
    root_identifier,
    waitgroup_texts,
)


def _go_hint(ctx: FileContext, name: str) -> str:
    if WAITGROUP_GO.holds(ctx.go_version):
        return f", or start it with `{name}.Go(func() {{ ... }})`, which counts it for you"
    return ""


def _declared_outside(file: FileContext, call: GroupCall, function: Node) -> bool:
    """Whether the group ``call`` counts comes from outside ``function`` (captured, received
    as a parameter, a receiver's field, a package variable): the group it shares with the
    code that waits."""
    definition = call.definition
    if definition is not None:
        if definition.function != function:
            return True
        return definition.kind == "param" and text(definition.type_node() or call.operand) \
            .startswith("*")
    root = root_identifier(call.operand)
    if root is None:
        return False
    if root == unparen(call.operand):
        return file.resolve(root) is None  # a package variable
    if function.type == "method_declaration" and text(root) == receiver_name(function):
        return True
    local = file.resolve(root)
    return local is None or local.function != function or local.kind == "param"


def _go_statements(function: Node) -> list[Node]:
    return list(descendants(function, frozenset({"go_statement"}), into_functions=False))


# --------------------------------------------------------------------------------------------
@rule(
    id="LG301", name="waitgroup-add-in-goroutine", level=Level.ERROR, precision="high",
    tags=("reliability", "concurrency", "waitgroup", "external/cwe/cwe-362"),
    summary="WaitGroup.Add called inside the goroutine it counts: Wait can return first",
    help="""
## What it does
Reports `wg.Add(n)` that runs inside the goroutine it is meant to count, where `wg` is shared
with the code that started the goroutine: anywhere in a `go func() {...}()` literal (not only as
its first statement), and through the same-package function a `go` statement runs
(`go worker(&wg)` where `worker` calls `wg.Add`, `go s.run()` where `run` calls `s.wg.Add`).
The finding sits on the `Add` of a literal, or on the `go` statement that starts a function
declared elsewhere.

## Why is this bad?
`Wait` returns as soon as the counter is zero. If the goroutine has not yet run its `Add` when
`Wait` is called, `Wait` returns before the work starts: shutdown proceeds while the goroutine
still runs, and results are read before they are written.

## Example
```go
for _, job := range jobs {
    go func() {
        wg.Add(1)
        defer wg.Done()
        run(job)
    }()
}
wg.Wait()
```

## Use instead
```go
for _, job := range jobs {
    wg.Add(1)
    go func() {
        defer wg.Done()
        run(job)
    }()
}
wg.Wait()
```
With Go 1.25 or later, `wg.Go(func() { run(job) })` counts the goroutine itself.

## Notes
Silent for `wg.Add(-1)` (a Done), for a group declared inside the goroutine, for a goroutine
that waits on the group itself, and for a goroutine that is counted (`defer wg.Done()`, on this
group or another) and adds for the goroutines it starts: its own counter keeps the Wait that
matters from returning before the adds. Same
shape as staticcheck's SA2000 and go vet's `waitgroup`, which only look at the first statement.

## Suppress
`//leakgate:ignore LG301 <reason>`.
""",
)
def add_in_goroutine(ctx: FileContext) -> None:
    if b"go " not in ctx.source.data:
        return
    adds_here = any(c.method == "Add" for c in group_calls(ctx))
    for go_statement in ctx.go_statements:
        if not _may_run_an_add(ctx, go_statement, adds_here):
            continue
        target = goroutine_target(ctx, go_statement)
        if target is None:
            continue
        file, function = target
        for add in _adds_inside(file, function):
            name = add.name
            fix = f"call `{name}.Add` before the `go` statement{_go_hint(ctx, name)}"
            if function.type == "func_literal" and file is ctx:
                ctx.report(add.call, f"`{name}.Add` runs inside the goroutine it counts: "
                                     f"`{name}.Wait()` can return before it runs; {fix}")
            else:
                where = f"{os.path.basename(file.path)}:{line_of(add.call)}"
                ctx.report(go_statement, f"this goroutine runs {file.function_name(function)}, "
                                         f"which calls `{name}.Add` ({where}) inside itself: "
                                         f"`Wait` can return before it runs; {fix}")
            break


def _may_run_an_add(ctx: FileContext, go_statement: Node, adds_here: bool) -> bool:
    """A text test before resolving `go f()`: some file of the package that declares a
    function or method `f` calls `.Add(` (for `go func() {...}()`: this file adds to a
    WaitGroup at all)."""
    call = next((c for c in go_statement.named_children if c.type == "call_expression"), None)
    function = call.child_by_field_name("function") if call is not None else None
    if function is None:
        return False
    function = unparen(function)
    if function.type == "func_literal":
        return adds_here
    if not waitgroup_texts(ctx):
        return False
    name = text(function).rsplit(".", 1)[-1]

    def compute() -> bool:
        return any(b".Add(" in data and _declares(data, name.encode())
                   for data in ctx.package_view.texts())

    return cast(bool, ctx.package_view.fact(f"may add: {name}", compute))


_FUNC_BEFORE = re.compile(rb"\bfunc\s*(?:\([^()]*\)\s*)?\Z")
_CALL_AFTER = re.compile(rb"\s*[\[(]")


def _declares(data: bytes, name: bytes) -> bool:
    """Whether ``data`` declares a function or method ``name`` (found from the name's few
    occurrences, not by scanning the file for every `func`)."""
    start = data.find(name)
    while start >= 0:
        end = start + len(name)
        if _CALL_AFTER.match(data, end) and not (data[end:end + 1].isalnum()) and \
                _FUNC_BEFORE.search(data, max(0, start - 160), start):
            return True
        start = data.find(name, end)
    return False


def _adds_inside(file: FileContext, function: Node) -> list[GroupCall]:
    calls = calls_in(file, function)
    found = []
    for add in calls:
        if add.method != "Add" or add.deferred or add.negative() or \
                not _declared_outside(file, add, function):
            continue
        if any(c.method == "Wait" and c.group == add.group for c in calls):
            continue  # the goroutine waits on the group itself: it is its own
        counted = any(c.method == "Done" or (c.method == "Add" and c.negative())
                      for c in calls)
        if counted and any(g.start_byte > add.call.start_byte for g in _go_statements(function)):
            # A goroutine counted by a group (this one or another that is waited for first)
            # adding for the goroutines it starts: the adds happen before that Wait returns.
            continue
        found.append(add)
    return found


# --------------------------------------------------------------------------------------------
@rule(
    id="LG302", name="waitgroup-done-not-guaranteed", level=Level.ERROR, precision="high",
    tags=("reliability", "concurrency", "waitgroup", "deadlock"),
    summary="A goroutine counted by WaitGroup.Add can skip Done: Wait blocks forever",
    help="""
## What it does
Reports three shapes in which the counter never returns to zero:
- a goroutine (a `go func() {...}()` literal, or a function or method some `go` statement
  runs) that calls `wg.Done()` without `defer`, with a `return` before it: the finding sits on
  the return; or whose `Done` is not deferred although it recovers from panics;
- `wg.Add` in a loop that starts the goroutines, followed by a `continue`, `break` or branch that
  skips the `go` statement on the way to `wg.Wait()`;
- `wg.Add` on a group nothing ever calls `Done` on (no `Done`, no `Add(-1)`, not handed to
  anything) while something waits on it.

## Why is this bad?
`Wait` blocks until every `Add` is matched by a `Done`. One skipped `Done` makes it block
forever: shutdown hangs, and every goroutine waiting behind it leaks.

## Example
```go
wg.Add(1)
go func() {
    if err := prepare(); err != nil {
        return // Done skipped
    }
    work()
    wg.Done()
}()
```

## Use instead
```go
wg.Add(1)
go func() {
    defer wg.Done()
    if err := prepare(); err != nil {
        return
    }
    work()
}()
```

## Notes
A `Done` reached only on some branches without an early `return` (`if last { wg.Done() }`) may
be deliberate and is not reported. A path that ends in `panic`, `os.Exit` or `log.Fatal` ends
the process unless recovered, and is not a return. `wg.Go` (Go 1.25) calls `Done` for you.

## Suppress
`//leakgate:ignore LG302 <reason>`.
""",
)
def done_not_guaranteed(ctx: FileContext) -> None:
    calls = group_calls(ctx)
    if not calls:
        return
    _skippable_done(ctx)
    _add_skipping_go(ctx, calls)
    _never_done(ctx, calls)


def _done_functions(ctx: FileContext) -> list[Node]:
    """Functions of this file that call Done themselves: `go` literals, and declared
    functions or methods (whether a `go` statement runs them is asked once a skipping
    return is found: finding the callers of a name costs a look at the whole package)."""
    found = []
    for go_statement in ctx.go_statements:
        target = goroutine_body(ctx, go_statement)
        if target is not None and target.type == "func_literal":
            found.append(target)
    found.extend({c.function.start_byte: c.function for c in group_calls(ctx)
                  if c.method == "Done" and c.function is not None and
                  c.function.type != "func_literal"}.values())
    return found


def _started_by_go(ctx: FileContext, function: Node) -> bool:
    """Whether some `go` statement of the package runs this declared function or method."""
    name = ctx.function_name(function)
    started = re.compile(rb"\bgo\s+(?:[\w.]+\.)?" + re.escape(name.encode()) + rb"\s*\(")
    if not any(started.search(data) for data in ctx.package_view.texts()):
        return False
    view = ctx.package_view
    ref = view.function_at(ctx, function)
    return ref is not None and any(call.parent is not None and call.parent.type ==
                                   "go_statement" for _, call in view.callers(ref))


def _skippable_done(ctx: FileContext) -> None:
    for function in _done_functions(ctx):
        calls = calls_in(ctx, function)
        for group in {c.group: c for c in calls}:
            dones = [c for c in calls if c.group == group and
                     (c.method == "Done" or (c.method == "Add" and c.negative()))]
            if not dones or any(c.deferred for c in dones) or \
                    not _declared_outside(ctx, dones[0], function):
                continue
            name = dones[0].name
            declared = function.type != "func_literal"
            if _recovers(function):
                if declared and not _started_by_go(ctx, function):
                    continue
                ctx.report(dones[0].call, f"`{name}.Done()` is not deferred in a goroutine that "
                                          f"recovers from panics: a panic skips it and "
                                          f"`{name}.Wait()` blocks forever; use `defer "
                                          f"{name}.Done()`")
                continue
            cfg = ctx.cfg(function)
            if cfg is None:
                continue
            handed = _handed_positions(ctx, dones[0], function)
            positions = [c.call.start_byte for c in dones] + handed
            leak = cfg.entry_exit_avoiding(
                lambda item, p=positions: any(item.start_byte <= x < item.end_byte for x in p))
            if leak is None or leak.type != "return_statement" or \
                    (declared and not _started_by_go(ctx, function)):
                continue
            ctx.report(leak, f"this return skips `{name}.Done()` (line {line_of(dones[0].call)}) "
                             f"in a goroutine counted by `{name}.Add`: `{name}.Wait()` blocks "
                             f"forever; call `defer {name}.Done()` first thing in the goroutine")


def _recovers(function: Node) -> bool:
    for defer in descendants(function, frozenset({"defer_statement"}), into_functions=False):
        if re.search(r"\brecover\(\)", text(defer)):
            return True
    return False


def _handed_positions(ctx: FileContext, call: GroupCall, function: Node) -> list[int]:
    """Where the group itself is handed on inside ``function`` (`helper(&wg)`, `helper(wg)`):
    the helper may call Done."""
    if call.definition is not None:
        uses = ctx.scopes(function).uses(call.definition)
    else:
        uses = [n for n in descendants(function, frozenset({"field_identifier", "identifier"}))
                if text(n) == text(call.operand).rsplit(".", 1)[-1]]
    found = []
    for use in uses:
        holder = use.parent
        while holder is not None and holder.type in ("selector_expression",
                                                     "unary_expression",
                                                     "parenthesized_expression") and \
                not (holder.type == "selector_expression" and
                     holder.parent is not None and holder.parent.type == "call_expression"
                     and holder.parent.child_by_field_name("function") == holder):
            holder = holder.parent
        if holder is not None and holder.type == "argument_list":
            found.append(use.start_byte)
    return found


def _add_skipping_go(ctx: FileContext, calls: list[GroupCall]) -> None:
    for add in calls:
        definition = add.definition
        if add.method != "Add" or add.negative() or definition is None or \
                add.function is None or definition.function != add.function:
            continue
        loop = ctx.inside(add.call, "for_statement")
        if loop is None or ctx.enclosing_function(loop) != add.function:
            continue
        body = loop.child_by_field_name("body")
        # The goroutines this Add counts start in the same iteration: a `go` in a nested loop
        # is counted by an `Add(n)` for the whole loop, which its zero-iteration exit does
        # not skip.
        group_name = text(add.operand)
        starts = [g for g in _go_statements(body) if g.start_byte > add.call.start_byte
                  and ctx.inside(g, "for_statement") == loop and group_name in text(g)] \
            if body is not None else []
        spawns = [c for c in calls if c.group == add.group and c.method == "Go"
                  and c.call.start_byte > add.call.start_byte and c.call.end_byte <= loop.end_byte]
        if not starts or spawns:
            continue
        waits = [c for c in calls if c.group == add.group and c.method == "Wait"
                 and c.function == add.function and not c.deferred]
        cfg = ctx.cfg(add.function)
        if not waits or cfg is None or cfg.locate(add.call) is None:
            continue
        counted = {c.operand.start_byte for c in calls
                   if c.group == add.group and c.method in ("Add", "Wait")}
        others = [u.start_byte for u in ctx.scopes(add.call).uses(definition)
                  if u.start_byte not in counted]
        positions = others + [g.start_byte for g in ctx.go_statements
                              if add.function.start_byte <= g.start_byte < add.function.end_byte]
        for wait in waits:
            if cfg.locate(wait.call) is None:
                continue
            if cfg.reaches_avoiding(add.call, wait.call, lambda item, p=positions: any(
                    item.start_byte <= x < item.end_byte for x in p)):
                ctx.report(add.call, f"a path from this `{add.name}.Add` reaches "
                                     f"`{wait.name}.Wait()` (line {line_of(wait.call)}) without "
                                     f"starting the goroutine on line {line_of(starts[0])}: a "
                                     f"`continue`, `break` or branch skips it and Wait blocks "
                                     f"forever; call Add right before the `go` statement")
                break


def _never_done(ctx: FileContext, calls: list[GroupCall]) -> None:
    reported: set[tuple[object, ...]] = set()
    for add in calls:
        if add.method != "Add" or add.negative() or add.group in reported:
            continue
        waits = [c for c in calls if c.group == add.group and c.method == "Wait"]
        if add.definition is not None:
            definition = add.definition
            counted = {c.operand.start_byte for c in calls if c.group == add.group and
                       c.method in ("Add", "Wait") and not c.negative()}
            if not waits or any(u.start_byte not in counted
                                for u in ctx.scopes(add.call).uses(definition)):
                continue
        elif not waits or not _name_only_added(ctx, text(add.operand).rsplit(".", 1)[-1]):
            continue
        reported.add(add.group)
        ctx.report(add.call, f"nothing calls `{add.name}.Done()` for this Add: "
                             f"`{waits[0].name}.Wait()` (line {line_of(waits[0].call)}) blocks "
                             f"forever")


def _name_only_added(ctx: FileContext, name: str) -> bool:
    """Whether every mention of the field or package variable ``name`` in the package is a
    declaration, an `Add(n)` with positive n, or a `Wait()`."""

    def compute() -> bool:
        word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
        allowed = re.compile(rb"\s*\.\s*(?:Add\(\s*[^-\s]|Wait\(\))")
        declared = re.compile(rb"\s+\*?sync\.WaitGroup\b")
        for data in ctx.package_view.texts():
            for match in word.finditer(data):
                after = data[match.end():match.end() + 64]
                if not allowed.match(after) and not declared.match(after):
                    return False
        return True

    return cast(bool, ctx.package_view.fact(f"waitgroup only added: {name}", compute))


# --------------------------------------------------------------------------------------------
@rule(
    id="LG303", name="waitgroup-by-value", level=Level.ERROR, precision="very-high",
    tags=("reliability", "concurrency", "waitgroup", "correctness"),
    summary="A sync.WaitGroup (or a struct holding one) passed, received or ranged by value",
    help="""
## What it does
Reports a parameter or receiver whose type is `sync.WaitGroup`, or a struct of the package that
holds one by value (directly or through another such struct), declared without a pointer; and
a `range` that copies such values out of a slice, array or map into its value variable; and an
assignment of a WaitGroup variable to another (`other := wg`).

## Why is this bad?
A WaitGroup is a counter: a copy counts separately. `Done` on the copy never reaches the group
the caller waits on (Wait blocks forever), and `Add` on the copy is never waited for.

## Example
```go
func worker(wg sync.WaitGroup, jobs <-chan Job) {
    defer wg.Done() // the caller's group never sees this
    ...
}
```

## Use instead
```go
func worker(wg *sync.WaitGroup, jobs <-chan Job) {
```

## Notes
go vet's `copylocks` reports the same copies (and other locks); suppressions written for it
(`//nolint:govet`) are honoured. Results are not reported: returning a fresh struct that holds a
zero WaitGroup (a constructor) is common and harmless.

## Suppress
`//leakgate:ignore LG303 <reason>`.
""",
)
def waitgroup_by_value(ctx: FileContext) -> None:
    holders = _holders(ctx)
    if not holders:
        return
    data = ctx.source.data
    if b"WaitGroup" not in data and not any(h.encode() in data for h in holders):
        return
    for function in ctx.functions:
        for field in ("receiver", "parameters"):
            parameters = function.child_by_field_name(field)
            for declaration in parameters.named_children if parameters is not None else ():
                if declaration.type != "parameter_declaration":
                    continue
                held = _held(ctx, declaration.child_by_field_name("type"), holders)
                if held is None:
                    continue
                names = declaration.children_by_field_name("name")
                what = "receiver" if field == "receiver" else "parameter"
                label = f"{what} `{text(names[0])}`" if names else f"unnamed {what}"
                ctx.report(declaration, f"{label} copies a {held} by value: its Add and Done "
                                        f"count a copy the caller never waits on; use a pointer")
    if b"sync.WaitGroup" in data:
        _assignment_copies(ctx)
    if not _ranges_copy_holders(ctx, holders):
        return
    for clause in ctx.find("range_clause"):
        left = clause.child_by_field_name("left")
        right = clause.child_by_field_name("right")
        if left is None or right is None or left.named_child_count != 2:
            continue
        value = left.named_children[1]
        if text(value) == "_":
            continue
        held = _held(ctx, _element_type(ctx, right), holders)
        if held is not None:
            ctx.report(value, f"the range copies each {held} into `{text(value)}`: its Add "
                              f"and Done count a copy; range over indexes and take "
                              f"`&{text(right)}[i]`, or store pointers")


# `type T struct {` or, in a `type (...)` group, `T struct {` at the start of a line.
_STRUCT_NAME = re.compile(rb"(?:\btype[ \t]+|\n[ \t]*)([A-Za-z_][A-Za-z0-9_]*)[ \t]+\Z")
_OPENING = re.compile(rb"[ \t]*\{")
_VALUE_GROUP = re.compile(rb"(?<![*.\w])sync\.WaitGroup\b")


def _assignment_copies(ctx: FileContext) -> None:
    """`a := wg`, `a = wg`, `var a = wg` where wg is a WaitGroup value (found from the
    names the package declares as WaitGroups, not by walking every assignment)."""
    data = ctx.source.data
    names = declared_names(ctx)
    if names:
        for match in _copy_pattern(names).finditer(data):
            value = ctx.source.root.descendant_for_byte_range(match.start(1), match.end(1))
            holder = value.parent if value is not None else None
            statement = holder.parent if holder is not None else None
            if value is None or value.type != "identifier" or statement is None or \
                    statement.type not in ("short_var_declaration", "assignment_statement",
                                           "var_spec"):
                continue
            right = statement.child_by_field_name("right") or \
                statement.child_by_field_name("value")
            left = statement.child_by_field_name("left")
            names = left.named_children if left is not None else \
                statement.children_by_field_name("name")
            values = right.named_children if right is not None and \
                right.type == "expression_list" else [right]
            if len(names) != len(values) or value not in values:
                continue
            target = names[values.index(value)]
            definition = ctx.resolve(value)
            if text(target) != "_" and definition is not None and \
                    _is_group_value(ctx, definition):
                ctx.report(value, f"assigning `{text(value)}` to `{text(target)}` copies a "
                                  f"sync.WaitGroup: the copy counts separately; use a pointer")


@lru_cache(maxsize=64)
def _copy_pattern(names: frozenset[str]) -> re.Pattern[bytes]:
    """`x := NAME`, `x = NAME`, `var x = NAME` for the package's WaitGroup names."""
    return re.compile(rb"(?::?=|\bvar\s+\w+\s*=)\s*(" + b"|".join(
        re.escape(n.encode()) for n in sorted(names)) +
        rb")\b(?=[ \t]*(?:$|[,;)}]|//))", re.MULTILINE)


def _is_group_value(ctx: FileContext, definition: Definition) -> bool:
    type_node = definition.type_node()
    if type_node is not None:
        return ctx.is_qualified(type_node, "sync", "WaitGroup")
    value = initial_value(definition)
    return value is not None and value.type == "composite_literal" and \
        ctx.is_qualified(value.child_by_field_name("type"), "sync", "WaitGroup")


def _holders(ctx: FileContext) -> frozenset[str]:
    """Struct types of the package that hold a WaitGroup by value (through other such
    structs too), plus the WaitGroup itself: read from the package's text, since most
    packages never mention one and parsing them all to find out costs a second over the
    standard library."""

    def compute() -> frozenset[str]:
        if not any(b"sync.WaitGroup" in data for data in waitgroup_texts(ctx)):
            return frozenset()
        texts = ctx.package_view.texts()
        bodies: dict[str, bytes] = {}
        for data in texts:
            start = data.find(b"struct")
            while start >= 0:
                named = _STRUCT_NAME.search(data, max(0, start - 80), start)
                opening = _OPENING.match(data, start + 6)
                if named and opening:
                    bodies[named.group(1).decode()] = _braced(data, opening.end())
                start = data.find(b"struct", start + 6)
        found = {name for name, body in bodies.items() if _VALUE_GROUP.search(body)}
        changed = bool(found)
        while changed:
            changed = False
            held = re.compile(rb"(?<![*.\w\]])(?:" + b"|".join(
                re.escape(n.encode()) for n in sorted(found)) + rb")\b(?!\s*\()")
            for name, body in bodies.items():
                if name not in found and held.search(body):
                    found.add(name)
                    changed = True
        return frozenset(found | {"sync.WaitGroup"})

    return cast(frozenset[str], ctx.package_view.fact("waitgroup holders", compute))


_BRACE = re.compile(rb"[{}]")


def _braced(data: bytes, start: int) -> bytes:
    """The bytes from ``start`` to the brace that closes the one just before it, without
    line comments (a struct body: field tags and comments hold no braces in practice)."""
    depth = 1
    end = len(data)
    for brace in _BRACE.finditer(data, start):
        depth += 1 if brace.group() == b"{" else -1
        if not depth:
            end = brace.start()
            break
    return re.sub(rb"//[^\n]*", b"", data[start:end])


def _ranges_copy_holders(ctx: FileContext, holders: frozenset[str]) -> bool:
    """Whether the package declares a slice, array or map of holder values at all."""

    def compute() -> bool:
        element = re.compile(rb"\]\s*(?:" + b"|".join(
            re.escape(n.encode()) for n in sorted(holders)) + rb")\b")
        return any(element.search(data) for data in ctx.package_view.texts())

    return cast(bool, ctx.package_view.fact("waitgroup holder slices", compute))


def _value_type_name(type_node: Node | None) -> str | None:
    """`sync.WaitGroup` or `T` for a value (not pointer) type."""
    if type_node is None:
        return None
    if type_node.type == "qualified_type":
        return text(type_node).replace(" ", "")
    if type_node.type == "type_identifier":
        return text(type_node)
    if type_node.type == "generic_type":
        return _value_type_name(type_node.child_by_field_name("type"))
    return None


def _held(ctx: FileContext, type_node: Node | None, holders: frozenset[str]) -> str | None:
    name = _value_type_name(type_node)
    if name is None or name not in holders:
        return None
    if name == "sync.WaitGroup":
        return "sync.WaitGroup" if ctx.is_qualified(type_node, "sync", "WaitGroup") else None
    return f"`{name}`, which holds a sync.WaitGroup,"


def _element_type(ctx: FileContext, ranged: Node) -> Node | None:
    ranged = unparen(ranged)
    declared: Node | None = None
    if ranged.type == "identifier":
        definition = ctx.resolve(ranged)
        declared = definition.type_node() if definition is not None else None
    elif ranged.type == "selector_expression":
        operand = ranged.child_by_field_name("operand")
        field = ranged.child_by_field_name("field")
        if operand is not None and field is not None:
            view = ctx.package_view
            declared = view.field_type(view.type_of(ctx, operand), text(field))
    if declared is None:
        return None
    if declared.type in ("slice_type", "array_type"):
        return declared.child_by_field_name("element")
    if declared.type == "map_type":
        return declared.child_by_field_name("value")
    return None


# --------------------------------------------------------------------------------------------
@rule(
    id="LG304", name="waitgroup-wait-in-spawn-loop", level=Level.WARNING, precision="high",
    tags=("performance", "concurrency", "waitgroup"),
    summary="WaitGroup.Wait inside the loop that starts the goroutines: they run one at a time",
    help="""
## What it does
Reports `wg.Wait()` written directly in the body of a `range` or three-clause `for` loop that,
in the same iteration and right before it, adds to the group and starts a goroutine.

## Why is this bad?
Each iteration waits for the goroutine it just started, so the goroutines run one after the
other: the concurrency the code was written for never happens, and every iteration pays for a
goroutine it does not need. If the loop adds for several iterations before the goroutines can
finish, the Wait can block forever.

## Example
```go
for _, url := range urls {
    wg.Add(1)
    go fetch(url, &wg)
    wg.Wait()
}
```

## Use instead
```go
for _, url := range urls {
    wg.Add(1)
    go fetch(url, &wg)
}
wg.Wait()
```

## Notes
Waiting in batches (`if i%10 == 9 { wg.Wait() }`, or a Wait after an inner loop that starts the
batch) is deliberate and not reported, nor a `for {}` or `for retry() {}` loop that runs one
attempt or one worker at a time (a retry loop, a supervisor), nor a Wait after other work in
the same iteration (that work runs concurrently with the goroutine). Tests and benchmarks are
not checked: they serialise on purpose (to measure goroutine start-up, or to test reuse of a
group).

## Suppress
`//leakgate:ignore LG304 <reason>`.
""",
)
def wait_in_spawn_loop(ctx: FileContext) -> None:
    if ctx.is_test:
        return  # tests and benchmarks serialise on purpose (goroutine start cost, reuse)
    calls = group_calls(ctx)
    for wait in calls:
        if wait.method != "Wait" or wait.deferred:
            continue
        statement = wait.call.parent
        block = statement.parent if statement is not None else None
        if block is not None and block.type == "statement_list":
            block = block.parent
        loop = block.parent if block is not None and block.type == "block" else None
        if block is None or loop is None or not _iterates(loop) or \
                ctx.enclosing_function(loop) != wait.function:
            continue
        spawned = [g for g in _go_statements(block) if g.start_byte < wait.call.start_byte
                   and ctx.inside(g, "for_statement") == loop]
        spawned += [c.call for c in calls if c.method == "Go" and c.group == wait.group and
                    block.start_byte < c.call.start_byte < wait.call.start_byte and
                    ctx.inside(c.call, "for_statement") == loop]
        added = any(c.method in ("Add", "Go") and c.group == wait.group and not c.negative()
                    and block.start_byte < c.call.start_byte < wait.call.start_byte
                    and ctx.inside(c.call, "for_statement") == loop for c in calls)
        if spawned and added and _right_after(wait.call.parent, spawned[-1]):
            ctx.report(wait.call, f"`{wait.name}.Wait()` inside the loop that starts the "
                                  f"goroutines (line {line_of(spawned[0])}): each iteration "
                                  f"waits for its own goroutine, so they run one at a time; "
                                  f"move Wait after the loop")


def _iterates(loop: Node) -> bool:
    """A `range` or three-clause loop: one goroutine per item. A `for cond() {}` loop is a
    retry or a supervisor, one attempt at a time by design."""
    return loop.type == "for_statement" and any(
        child.type in ("range_clause", "for_clause") for child in loop.named_children)


def _right_after(wait_statement: Node | None, spawn: Node) -> bool:
    """Whether the Wait statement directly follows the statement that starts the last
    goroutine: work in between runs concurrently with it, which is the point."""
    statement = spawn
    while statement.parent is not None and statement.parent.type not in ("block",
                                                                          "statement_list"):
        statement = statement.parent
    following = statement.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    return wait_statement is not None and following == wait_statement


RULES = [add_in_goroutine, done_not_guaranteed, waitgroup_by_value, wait_in_spawn_loop]
