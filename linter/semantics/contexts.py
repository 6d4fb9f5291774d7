"""Contexts without a type checker: the calls that derive or start one, which parameter carries
the caller's context, where a fresh `context.Background()`/`TODO()` is handed on in its place
(and the shapes that say it is detached on purpose), and which same-package functions make a
fresh context on their own path, and through which chain of calls (contextcheck's "should pass
the context parameter")."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.http import HTTP
from leakgate.semantics.package import FunctionRef
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import (
    ancestors,
    assignment_of,
    call_callee,
    descendants,
    line_of,
    selected_field,
    text,
)
from leakgate.semantics.types import context_parameters

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

CONTEXT = "context"
# The calls that derive a context with a cancel function of its own.
WITH_CANCEL = frozenset({"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause",
                         "WithTimeoutCause", "WithDeadlineCause"})
# The calls that start a fresh root context, with no deadline, cancellation or trace.
FRESH_ROOTS = frozenset({"Background", "TODO"})

_CHAIN_NAMES: Fact[frozenset[str]] = Fact("functions that may make a fresh context")
_DROPS: Summary[tuple[list[str], str] | None] = Summary("makes a fresh context")
_CHAIN_DEPTH = 3  # calls followed below the one reported
_FRESH = re.compile(rb"\b(?:Background|TODO)\(\)")


# --- the caller's context ------------------------------------------------------------------
def context_carrier(file: FileModel, function: Node) -> tuple[Definition, bool] | None:
    """The function's own context parameter, or the request of a server handler; None for
    test helpers and blank parameters."""
    parameters = context_parameters(file, function)
    if not parameters or _has_parameter_of(file, function, "testing", ("T", "B", "TB")):
        return None
    for definition, is_request in parameters:
        if definition.name == "_":
            continue
        if is_request and not _has_parameter_of(file, function, HTTP, ("ResponseWriter",)):
            continue  # an outgoing request: a client helper, not a handler
        return definition, is_request
    return None


def _may_hold_context(function: Node) -> bool:
    """A cheap look at the parameter list before resolving its types."""
    parameters = function.child_by_field_name("parameters")
    raw = parameters.text if parameters is not None else None
    return raw is not None and (b"Context" in raw or b"Request" in raw)


def waited_on_done(file: FileModel, parameter: Definition, before: int) -> bool:
    """Whether the function receives from `param.Done()` before byte ``before`` (shutdown code
    after cancellation legitimately starts a fresh context)."""
    for use in file.scopes(parameter.node).uses(parameter):
        if use.start_byte >= before:
            continue
        selected = selected_field(use)
        if selected is not None and selected[0] == "Done":
            return True
    return False


def _has_parameter_of(file: FileModel, function: Node, path: str,
                      names: tuple[str, ...]) -> bool:
    parameters = function.child_by_field_name("parameters")
    for declaration in parameters.named_children if parameters is not None else []:
        type_node = declaration.child_by_field_name("type")
        while type_node is not None and type_node.type == "pointer_type":
            type_node = type_node.named_children[-1] if type_node.named_child_count else None
        if any(file.is_qualified(type_node, path, name) for name in names):
            return True
    return False


# --- where code runs -----------------------------------------------------------------------
def invoked_in_place(function: Node) -> bool:
    """`func() { ... }()`: a literal called where it stands, not kept to run later."""
    parent = function.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return function.type == "func_literal" and parent is not None and \
        parent.type == "call_expression"


def _own_path_function(file: FileModel, node: Node) -> Node | None:
    """The function whose own path runs ``node``: its innermost function, climbing out of
    literals invoked in place; None inside `go`, `defer` or a closure kept to run later."""
    if file.inside(node, "defer_statement") is not None or \
            file.inside(node, "go_statement") is not None:
        return None
    function = file.enclosing_function(node)
    while function is not None and function.type == "func_literal":
        if not invoked_in_place(function):
            return None
        function = file.enclosing_function(function)
    return function


# --- a fresh context handed on --------------------------------------------------------------
def fresh_context_dropped(file: FileModel, call: Node, function: Node) -> bool:
    """A `context.Background()`/`TODO()` handed straight into a call on ``function``'s own
    path, not as a root of its own lifetime, and not said or shaped to be deliberate."""
    consumer = _consuming_call(call)
    return consumer is not None and not _is_context_package_call(file, consumer) and \
        not _result_outlives_call(file, consumer) and \
        not detached_on_purpose(file, call, function)


def detached_on_purpose(file: FileModel, call: Node, function: Node) -> bool:
    """What code says or is shaped like when it detaches on purpose: a comment line just
    above the call, or cleanup on an error branch."""
    return _commented(file, call, function) or _on_error_branch(call, function)


def _consuming_call(call: Node) -> Node | None:
    """The call that receives ``call``'s result directly as an argument."""
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "argument_list":
        return None
    holder = parent.parent
    return holder if holder is not None and holder.type == "call_expression" else None


def _is_context_package_call(file: FileModel, call: Node) -> bool:
    """`context.WithCancel(context.Background())` and alikes: a fresh root for a context of
    its own lifetime, not the caller's context dropped on a call."""
    qualified = file.package_call(call)
    return qualified is not None and qualified[0] == CONTEXT


def _result_outlives_call(file: FileModel, consumer: Node) -> bool:
    """`f, err := fifo.OpenFifo(context.Background(), ...)` whose `f` is then used by a
    goroutine or stored, or `ctx, conn, err := dial(context.Background())` deriving a context
    of its own: the fresh context is the lifetime of what the call returns."""
    assigned = assignment_of(consumer)
    if assigned is None:
        return False
    scopes = file.scopes(consumer)
    for target in assigned[1]:
        if target.type != "identifier" or text(target) in ("_", "err"):
            continue
        if text(target) == "ctx" or text(target).endswith("Ctx"):
            return True  # it derives a context of its own from the fresh root
        definition = scopes.resolve(target)
        if definition is None:
            continue
        for use in scopes.uses(definition):
            if file.inside(use, "go_statement") is not None or \
                    escape_of_use(use, definition, captures=False) == "stored":
                return True
    return False


def _commented(file: FileModel, call: Node, function: Node) -> bool:
    """A comment line of its own inside the function, on one of the two lines just above the
    call's statement: how code says "detached on purpose"."""
    line = call.start_point[0]
    body = function.child_by_field_name("body")
    start = body.start_byte if body is not None else function.start_byte
    for comment in file.find("comment"):
        if not start <= comment.start_byte < call.start_byte or \
                comment.end_point[0] < line - 2 or comment.start_point[0] >= line:
            continue
        if not file.source.line_text(comment.start_point[0] + 1)[:comment.start_point[1]].strip():
            return True
    return False


def _on_error_branch(call: Node, function: Node) -> bool:
    """Inside an `if` that tests an error (`if err != nil {`): cleanup after a failure must run
    even when the caller's context is already cancelled."""
    for holder in ancestors(call):
        if holder == function:
            return False
        if holder.type == "if_statement":
            condition = holder.child_by_field_name("condition")
            if condition is not None and "err" in text(condition).lower():
                return True
    return False


# --- functions that make their own context -------------------------------------------------
@dataclass(frozen=True)
class DroppingCall:
    """A call, in a function that holds the caller's context, of a same-package function that
    makes a fresh one on its own path: the chain of names from the callee down to the one that
    makes it, and where (`context.TODO() on line 12 of store.go`)."""

    call: Node
    parameter: Definition  # the caller's context (or server request) parameter
    is_request: bool
    chain: tuple[str, ...]
    where: str


def dropping_callees(file: FileModel) -> Iterator[DroppingCall]:
    """Calls, in a function of the file that holds a context, of a same-package function that
    makes its own, unless said or shaped to be deliberate (in source order of the functions)."""
    holders = [f for f in file.functions if _may_hold_context(f)]
    names = _chain_names(file) if holders else frozenset()
    if not names:
        return  # no function of the package can start a chain: the common case, and cheap
    for function in holders:
        carrier = context_carrier(file, function)
        if carrier is None:
            continue
        parameter, is_request = carrier
        for call, target in _own_calls(file, function, names):
            found = _drops_context(target)
            if found is None or detached_on_purpose(file, call, function) or \
                    waited_on_done(file, parameter, call.start_byte):
                continue
            chain, where = found
            yield DroppingCall(call, parameter, is_request, tuple(chain), where)


def _drops_context(ref: FunctionRef, depth: int = 0) -> tuple[list[str], str] | None:
    """Summary of one unexported function without a context of its own: does it make a fresh
    one on its own path, directly or through such functions (at most three calls down)? The
    chain of names and where the fresh context is made. Exported functions are API decisions
    and neither start nor carry a chain."""
    def compute() -> tuple[list[str], str] | None:
        file, function = ref.file, ref.node
        if depth > _CHAIN_DEPTH or ref.name[:1].isupper() or file.is_test or \
                (_may_hold_context(function) and context_parameters(file, function)):
            return None
        for call, name in file.calls_to(CONTEXT, FRESH_ROOTS):
            if function.start_byte <= call.start_byte < function.end_byte and \
                    _own_path_function(file, call) == function and \
                    fresh_context_dropped(file, call, function):
                # The base name: the same whether the file was named or read for facts.
                return [ref.qualified], (f"context.{name}() on line {line_of(call)} of "
                                         f"{os.path.basename(file.path)}")
        for _, target in _own_calls(file, function, _chain_names(file)):
            found = _drops_context(target, depth + 1)
            if found is not None:
                return [ref.qualified, *found[0]], found[1]
        return None

    return ref.file.package_view.summary(_DROPS.at(depth), ref, compute)


def _own_calls(file: FileModel, function: Node,
               names: frozenset[str]) -> list[tuple[Node, FunctionRef]]:
    """Calls of the unexported same-package functions called ``names`` on ``function``'s
    own path, resolved with certainty to one target."""
    found = []
    body = function.child_by_field_name("body")
    for call in descendants(body, frozenset({"call_expression"}), into_functions=False) \
            if body is not None else ():
        if call_callee(call)[1] not in names or _own_path_function(file, call) != function:
            continue
        resolution = file.package_view.resolve_call(file, call)
        if resolution is not None and resolution.certain and len(resolution.targets) == 1:
            found.append((call, resolution.targets[0]))
    return found


def _chain_names(file: FileModel) -> frozenset[str]:
    """Names of the package's unexported functions and methods that may make a fresh context
    on their own path, directly or a few calls down, by a look at their text alone (the
    package's function texts: nothing is parsed): a superset, so that only calls of these names
    are resolved. A function whose first line mentions a `Context` or a `Request` is taken to
    hold one: it neither starts nor carries a chain."""
    view = file.package_view

    def compute() -> frozenset[str]:
        bodies = [each for each in view.function_texts() if each.name[:1].islower()
                  and b"Context" not in each.head and b"Request" not in each.head]
        names = {each.name for each in bodies if _FRESH.search(each.body)}
        for _ in range(_CHAIN_DEPTH):
            if not names:
                break
            calls = re.compile(rb"\b(?:" + b"|".join(n.encode() for n in sorted(names)) +
                               rb")\(")
            grown = names | {each.name for each in bodies if calls.search(each.body)}
            if grown == names:
                break
            names = grown
        return frozenset(names)

    return view.fact(_CHAIN_NAMES, compute)
