"""The loops that receive from a channel field, and how they stop receiving.

A method sends on `n.status`; the package's only receiver of it is `run`'s loop, which returns
when `n.stop` is closed. After `Stop`, every later send blocks forever. This module finds that
shape for a send: the field's receivers (from its sites) are all cases of a select in one loop
of one function, another case of that select receives from a stop field of the same struct that
the package closes and returns, and nothing drains the field on the way out or after the loop.

An exit on `ctx.Done()` is not such a stop: whether that context is the process's own (and the
sender dies with it) is not in the syntax, so it stays unknown and unreported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    RANGE,
    RECEIVE,
    SEND,
    cannot_give_up,
    select_of,
)
from leakgate.semantics.field_sites import (
    ASSIGN,
    FieldSite,
    FieldSites,
    accessed_field,
    channel_direction,
    field_sites,
    may_be_channel_field,
)
from leakgate.semantics.fields import held_at, locked_before
from leakgate.semantics.loops import in_loop
from leakgate.semantics.model import FileModel
from leakgate.semantics.syntax import descendants, text


@dataclass(frozen=True)
class AbandonedSend:
    """A send whose only receiving loop can stop for good."""

    sites: FieldSites  # of the channel sent on
    receiver: FieldSite  # the receive in the loop
    exit_case: Node  # the select case that returns
    stop: str  # its communication, as written (`<-n.stop`)
    closed: FieldSite  # where the package closes the stop channel


def abandoned_by_receiver(ctx: FileModel, send: Node) -> AbandonedSend | None:
    """The loop that abandons ``send`` (a send statement that cannot give up), or None."""
    channel = send.child_by_field_name("channel")
    if channel is None or not cannot_give_up(select_of(send)) or \
            not may_be_channel_field(ctx, channel):
        return None
    field = accessed_field(ctx, channel)
    if field is None or channel_direction(ctx, field) != "both":
        return None
    sites = field_sites(ctx, field)
    capacities = sites.capacities
    if sites.foreign or sites.of(ESCAPE, CLOSE) or not capacities or \
            any(c != 0 for c in capacities) or sites.hidden_of(RECEIVE, RANGE, ESCAPE, ASSIGN):
        return None  # a sender left on a channel the package closes panics: another bug
    receives = sites.of(RECEIVE, RANGE)
    loops = {(r.file.path, _loop_of(r)) for r in receives}
    if not receives or len(loops) != 1 or (None in {loop for _, loop in loops}):
        return None  # no receiver (LG103's case), or several, or one outside a loop's select
    receiver = receives[0]
    function = receiver.file.enclosing_function(receiver.operation)
    if function is None or (receiver.file is ctx and ctx.enclosing_function(send) == function):
        return None
    select = select_of(receiver.operation)
    for case in select.named_children if select is not None else ():
        found = _exit(case, receiver, receives, field.owner)
        if found is not None and not _excluded_by_lock(ctx, send, found[1]) and \
                not _sent_before_closing(ctx, send, found[1]):
            stop, closed = found
            return AbandonedSend(sites, receiver, case, stop, closed)
    return None


def _sent_before_closing(ctx: FileModel, send: Node, closed: FieldSite) -> bool:
    """The function that closes the stop sends first (yunikorn's `Stop`: `ec.stop <- true`,
    then `close(ec.channel)`): the loop is still receiving when that send runs."""
    function = ctx.enclosing_function(send)
    return closed.file is ctx and function is not None and send.end_byte <= \
        closed.operation.start_byte and ctx.enclosing_function(closed.operation) == function


def _excluded_by_lock(ctx: FileModel, send: Node, closed: FieldSite) -> bool:
    """The send runs holding a mutex field (in its function, or in every caller of it) that
    the closing function locks before it closes the stop: the two exclude each other, so no
    send is under way when the loop stops, and one after it is a use after `Close`."""
    function = ctx.enclosing_function(send)
    closer = closed.file.enclosing_function(closed.operation)
    if function is None or closer is None:
        return False
    held = {mutex for _, mutex in held_at(ctx, function, send)}
    if not held:
        ref = ctx.package_view.function_at(ctx, function)
        callers = list(ctx.package_view.callers(ref)) if ref is not None else []
        for file, call in callers:
            outer = file.enclosing_function(call)
            caller_held = {m for _, m in held_at(file, outer, call)} if outer is not None \
                else set()
            held = caller_held if not held else held & caller_held
            if not held:
                return False
    return any(locked_before(closed.file, closer, closed.operation, mutex) is not None
               for mutex in held)


def _loop_of(receive: FieldSite) -> int | None:
    """The start of the `for` loop whose select has this receive as a case, or None."""
    select = select_of(receive.operation)
    parent = select.parent if select is not None else None
    while parent is not None and parent.type in ("block", "statement_list"):
        parent = parent.parent
    function = receive.file.enclosing_function(receive.operation)
    if parent is None or parent.type != "for_statement" or function is None or \
            not in_loop(receive.operation, function):
        return None
    return parent.start_byte


def _exit(case: Node, receiver: FieldSite, receives: list[FieldSite],
          owner: str) -> tuple[str, FieldSite] | None:
    """A case of the receiver's select that receives from a stop field of ``owner`` which the
    package closes, and returns without draining the channel: (its communication, the close)."""
    if case.type != "communication_case" or case.start_byte <= \
            receiver.operation.start_byte < case.end_byte:
        return None
    communication = case.child_by_field_name("communication")
    if communication is None:
        return None
    received = communication
    if received.type == "receive_statement":
        received = received.child_by_field_name("right") or received
    if received.type != "unary_expression" or not text(received).startswith("<-"):
        return None
    operand = received.child_by_field_name("operand")
    stop = accessed_field(receiver.file, operand) if operand is not None else None
    if stop is None or stop.owner != owner:
        return None
    closes = field_sites(receiver.file, stop).of(CLOSE)
    returns = any(True for _ in descendants(case, frozenset({"return_statement"}),
                                            into_functions=False))
    drains = any(r.file is receiver.file and case.start_byte <= r.operation.start_byte <
                 case.end_byte for r in receives)
    closes = [c for c in closes if _runs(c)]
    if not closes or not returns or drains:
        return None  # never stops (nothing calls the method that closes it), or drains first
    return text(communication), closes[0]


def _runs(site: FieldSite) -> bool:
    """Evidence that the code closing the stop channel runs: a closure, a function the package
    calls or hands on, or an exported one that a package importing it names (`.Close(`).
    Unknown otherwise: a `Done` method nothing calls never stops the loop."""
    file = site.file
    function = file.outermost_function(site.operation)
    ref = file.package_view.function_at(file, function) if function is not None and \
        function.type != "func_literal" else None
    if ref is None:
        return function is not None
    view = file.package_view
    if any(True for _ in view.callers(ref)) or view.uses_outside_calls(ref):
        return True
    module = view.module
    import_path = module.import_path(view) if module is not None else None
    if module is None or import_path is None or not ref.name[:1].isupper():
        return False
    needle = f".{ref.name}(".encode()
    return any(needle in data for directory in module.importers(import_path)
               if directory != view.directory
               for data in module.package_in(directory).texts())


@dataclass(frozen=True)
class SelfWait:
    """A function that waits, itself or through a function it calls, on a channel field that
    only its own deferred `close` closes: it waits for its own return."""

    wait: Node  # the receive in this function, or the call that reaches one
    receive: FieldSite  # the receive
    close: Node  # the deferred close
    field: str  # `w.done`, as the close writes it


_DEFER_CLOSE = re.compile(rb"defer[ \t]+close\(")


def self_waits(ctx: FileModel) -> list[SelfWait]:
    """The self-waits of this file, found from its `defer close(x.f)` statements."""
    found = []
    for match in _DEFER_CLOSE.finditer(ctx.source.data):
        call = ctx.source.root.descendant_for_byte_range(match.end() - 6, match.end())
        if call is None or call.type != "call_expression" or call.parent is None or \
                call.parent.type != "defer_statement":
            continue
        arguments = call.child_by_field_name("arguments")
        argument = arguments.named_children[0] if arguments is not None and \
            arguments.named_child_count == 1 else None
        function = ctx.enclosing_function(call)
        if argument is None or function is None or not may_be_channel_field(ctx, argument):
            continue
        field = accessed_field(ctx, argument)
        sites = field_sites(ctx, field) if field is not None else None
        if sites is None or sites.foreign_feeds or sites.of(SEND, ESCAPE) or \
                sites.hidden_of(SEND, CLOSE, ESCAPE, ASSIGN) or \
                any(s.operation != call for s in sites.of(CLOSE)):
            continue  # closed or fed elsewhere too, or handed on: someone else may wake it
        found.extend(_waits_on(ctx, function, call, sites, text(argument)))
    return found


def _waits_on(ctx: FileModel, function: Node, close: Node, sites: FieldSites,
              shown: str) -> list[SelfWait]:
    receives = [s for s in sites.of(RECEIVE) if s.blocking]
    found = []
    for receive in receives:
        if receive.file is ctx and ctx.enclosing_function(receive.operation) == function:
            found.append(SelfWait(receive.operation, receive, close, shown))
    body = function.child_by_field_name("body")
    for call in descendants(body, frozenset({"call_expression"}), into_functions=False) \
            if body is not None else ():
        if ctx.inside(call, "go_statement") is not None or \
                ctx.inside(call, "defer_statement") is not None:
            continue
        resolution = ctx.package_view.resolve_call(ctx, call)
        targets = resolution.targets if resolution is not None and resolution.certain else ()
        for receive in receives:
            waiter = receive.file.enclosing_function(receive.operation)
            if any(t.file is receive.file and t.node == waiter for t in targets):
                found.append(SelfWait(call, receive, close, shown))
    return sorted(found, key=lambda w: w.wait.start_byte)
