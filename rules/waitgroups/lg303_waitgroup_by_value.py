"""
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
A struct holds a group when a field (named or embedded, in a nested struct type too) is a
`sync.WaitGroup`, an array of one, or a struct type that holds one (a generic one's instances
included, and types declared inside a function for that function's file); a pointer, slice,
map, channel or function of one holds no value. The types come from the package's declarations,
parsed only for the type names asked about.
go vet's `copylocks` reports the same copies (and other locks); suppressions written for it
(`//nolint:govet`) are honoured. Results are not reported: returning a fresh struct that holds a
zero WaitGroup (a constructor) is common and harmless.

## Suppress
`//leakgate:ignore LG303 <reason>`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.facts import Fact
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import text
from leakgate.semantics.types import element_type, initial_value
from leakgate.semantics.waitgroups import (
    declared_names,
    holder_candidates,
    holds_group,
    mentions_waitgroups,
)

# The element types the package's slices, arrays and maps are written with (`[]job`,
# `map[string]job`), read from the bytes: only those can be ranged over by value.
_ELEMENT = re.compile(rb"\]\s*([A-Za-z_][A-Za-z0-9_]*)\b")
_ELEMENT_TYPES: Fact[frozenset[str]] = Fact("element types of slices, arrays and maps")


@rule(
    id="LG303", name="waitgroup-by-value", level=Level.ERROR, precision="very-high",
    tags=("reliability", "concurrency", "waitgroup", "correctness"),
    summary="A sync.WaitGroup (or a struct holding one) passed, received or ranged by value",
    help=__doc__,
)
def waitgroup_by_value(ctx: FileContext) -> None:
    if not mentions_waitgroups(ctx):
        return
    _parameter_copies(ctx)
    if b"sync.WaitGroup" in ctx.source.data:
        _assignment_copies(ctx)
    if _ranges_copy_holders(ctx):
        _range_copies(ctx)


def _parameter_copies(ctx: FileContext) -> None:
    """A receiver or parameter declared as a holder value."""
    for function in ctx.functions:
        for field in ("receiver", "parameters"):
            parameters = function.child_by_field_name(field)
            for declaration in parameters.named_children if parameters is not None else ():
                if declaration.type != "parameter_declaration":
                    continue
                held = _held(ctx, declaration.child_by_field_name("type"))
                if held is None:
                    continue
                names = declaration.children_by_field_name("name")
                what = "receiver" if field == "receiver" else "parameter"
                label = f"{what} `{text(names[0])}`" if names else f"unnamed {what}"
                ctx.report(declaration, f"{label} copies a {held} by value: its Add and Done "
                                        f"count a copy the caller never waits on; use a pointer")


def _assignment_copies(ctx: FileContext) -> None:
    """`a := wg`, `a = wg`, `var a = wg` where wg is a WaitGroup value (found from the
    names the package declares as WaitGroups, not by walking every assignment)."""
    data = ctx.source.data
    groups = declared_names(ctx)
    if not groups:
        return
    for match in _copy_pattern(groups).finditer(data):
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


def _range_copies(ctx: FileContext) -> None:
    """A `range` whose value variable receives holder values."""
    for clause in ctx.find("range_clause"):
        left = clause.child_by_field_name("left")
        right = clause.child_by_field_name("right")
        if left is None or right is None or left.named_child_count != 2:
            continue
        value = left.named_children[1]
        if text(value) == "_":
            continue
        held = _held(ctx, element_type(ctx, right))
        if held is not None:
            ctx.report(value, f"the range copies each {held} into `{text(value)}`: its Add "
                              f"and Done count a copy; range over indexes and take "
                              f"`&{text(right)}[i]`, or store pointers")


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


def _ranges_copy_holders(ctx: FileContext) -> bool:
    """Whether the package writes a slice, array or map of holder values at all (its element
    types read from the bytes, each asked whether it holds a group)."""

    def compute() -> frozenset[str]:
        return frozenset(m.group(1).decode() for data in ctx.package_view.texts()
                         for m in _ELEMENT.finditer(data))

    names = ctx.package_view.fact(_ELEMENT_TYPES, compute)
    # Only a holder candidate can hold a group; asked per file, since a struct declared in one
    # of the file's functions answers for that file alone.
    return any(holds_group(ctx, name) for name in sorted(names & holder_candidates(ctx)))


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


def _held(ctx: FileContext, type_node: Node | None) -> str | None:
    name = _value_type_name(type_node)
    if name is None or not holds_group(ctx, name):
        return None
    if name == "sync.WaitGroup":
        return "sync.WaitGroup" if ctx.is_qualified(type_node, "sync", "WaitGroup") else None
    return f"`{name}`, which holds a sync.WaitGroup,"

