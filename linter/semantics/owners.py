"""Functions that hand their caller the only way to stop a goroutine they start.

`func watch() <-chan Event { ch := make(chan Event); go func() { ... ch <- e }(); return ch }`:
the goroutine lives as long as someone receives. A caller that drops the result (`watch()` as
a statement, `_ = watch()`, `go watch()`) leaves it blocked forever on its first send. This
module finds such functions once per package (from their text first: a `make(chan`, a `go`
and a `return`), and the calls of the package that drop what they return.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    SEND,
    channel_uses,
    goroutine_of,
    made_channels,
    started_in,
)
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact
from leakgate.semantics.model import FileModel
from leakgate.semantics.package import FunctionRef, functions_in
from leakgate.semantics.summaries import can_block

_FED: Fact[tuple[FedResult, ...]] = Fact("functions returning a channel their goroutine feeds")
_NAMES: Fact[tuple[str, ...]] = Fact("functions that may return a channel their goroutine feeds")


@dataclass(frozen=True)
class FedResult:
    """A function of the package that returns an unbuffered channel it made, which only a
    goroutine it starts uses, sending on it without a way out."""

    ref: FunctionRef
    channel: str  # the channel's name in the function
    go_statement: Node  # the goroutine that sends
    send: Node  # its first blocking send


def fed_results(ctx: FileModel, name: str) -> tuple[FedResult, ...]:
    """The package's functions and methods called ``name`` that return a channel their
    goroutine feeds."""
    view = ctx.package_view

    def compute() -> tuple[FedResult, ...]:
        refs = view.functions_named(name) + [r for refs in view.methods_named(name).values()
                                             for r in refs]
        return tuple(fed for ref in refs if (fed := _fed(ref)) is not None)

    return view.fact(_FED.about(name), compute)


def dropped_calls(ctx: FileModel) -> list[tuple[Node, FedResult]]:
    """Calls in this file of a function of :func:`fed_results` whose result is dropped: a call
    statement, `_ = f()`, or `go f()` / `defer f()`. Only the names this file spells (`name(`)
    are resolved and summarised."""
    found = []
    for name in _candidate_names(ctx):
        if f"{name}(".encode() not in ctx.source.data:
            continue
        for fed in fed_results(ctx, name):
            for file, call in ctx.package_view.callers(fed.ref):
                if file is ctx and _dropped(call):
                    found.append((call, fed))
    return sorted(found, key=lambda pair: pair[0].start_byte)


def _candidate_names(ctx: FileModel) -> tuple[str, ...]:
    """Names of the package's functions whose text declares a channel result, makes a channel,
    starts a goroutine literal and returns: a superset of the fed ones, read from the bytes."""
    view = ctx.package_view
    return view.fact(_NAMES, lambda: tuple(sorted({
        t.name for data in view.texts() if b"make(chan" in data and b"go func" in data
        for t in functions_in(data)
        if b"chan" in t.head and b"make(chan" in t.body and b"go func" in t.body and
        b"return" in t.body})))


def _fed(ref: FunctionRef) -> FedResult | None:
    file, function = ref.file, ref.node
    result = function.child_by_field_name("result")
    if result is None or result.type not in ("channel_type", "parameter_list"):
        return None
    go_statements = started_in(file, function)
    for channel in made_channels(file, function):
        if not channel.unbuffered:
            continue
        returned, sends, goroutine = False, [], None
        for use in channel_uses(file, channel):
            started = goroutine_of(use.ident, go_statements)
            if use.function == function and use.kind == ESCAPE and \
                    escape_of_use(use.ident, channel.definition, captures=False) == "returned":
                returned = True
            elif started is not None and (goroutine is None or started == goroutine) and \
                    use.kind in (SEND, CLOSE):
                goroutine = started
                if use.kind == SEND and can_block(use):
                    sends.append(use.operation)
            else:
                break  # received, handed on or stored by someone: not the caller's alone
        else:
            if returned and sends and goroutine is not None:
                return FedResult(ref, channel.name, goroutine, sends[0])
    return None


def _dropped(call: Node) -> bool:
    parent = call.parent
    if parent is None:
        return False
    if parent.type in ("expression_statement", "go_statement", "defer_statement"):
        return True
    if parent.type == "expression_list" and parent.named_child_count == 1:
        statement = parent.parent
        left = statement.child_by_field_name("left") if statement is not None and \
            statement.type == "assignment_statement" else None
        return left is not None and all(n.type == "identifier" and n.text == b"_"
                                        for n in left.named_children)
    return False
