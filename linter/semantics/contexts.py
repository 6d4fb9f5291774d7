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

from leakgate.semantics.effects import runs_during_call
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.http import HTTP
from leakgate.semantics.package import FunctionRef
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    assignment_of,
    call_callee,
    descendants,
    holding,
    line_of,
    selected_field,
    text,
    unparen,
)
from leakgate.semantics.types import context_parameters, has_parameter_of, is_error_value

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

CONTEXT = "context"
ERRGROUP = "golang.org/x/sync/errgroup"
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
    if not parameters or has_parameter_of(file, function, "testing", ("T", "B", "TB")):
        return None
    for definition, is_request in parameters:
        if definition.name == "_":
            continue
        if is_request and not has_parameter_of(file, function, HTTP, ("ResponseWriter",)):
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


# --- where code runs -----------------------------------------------------------------------
def invoked_in_place(function: Node) -> bool:
    """`func() { ... }()`: a literal called where it stands, not kept to run later."""
    parent = function.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return function.type == "func_literal" and parent is not None and \
        parent.type == "call_expression"


def runs_under_caller(file: FileModel, literal: Node) -> bool:
    """A function literal whose body runs under the context of the function around it:
    invoked in place, run by the call it is handed to before that returns (see
    effects.runs_during_call), or handed to another package's call with that context."""
    return invoked_in_place(literal) or runs_during_call(file, literal) or \
        _handed_with_context(file, literal)


def _handed_with_context(ctx: FileModel, literal: Node) -> bool:
    """A literal handed to a call of another package together with the caller's own context
    (`waiter.WaitForState(ctx, func() {...})`): unseen, the callee runs it under that context.
    A function of the package is read instead (see runs_during_call): `loadShim(ctx, b,
    onClose)` keeps `onClose` for later."""
    holder = literal.parent
    outer = ctx.enclosing_function(literal)
    carrier = context_carrier(ctx, outer) if outer is not None else None
    call = holder.parent if holder is not None else None
    if literal.type != "func_literal" or holder is None or holder.type != "argument_list" or \
            carrier is None or call is None or \
            ctx.package_view.resolve_call(ctx, call) is not None:
        return False
    for argument in holder.named_children:
        target: Node | None = argument
        if argument.type == "call_expression" and carrier[1]:  # `r.Context()`
            function = argument.child_by_field_name("function")
            target = function.child_by_field_name("operand") if function is not None and \
                function.type == "selector_expression" else argument
        if target is not None and target.type == "identifier" and \
                ctx.resolve(target) is carrier[0]:
            return True
    return False


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
def fresh_context_dropped(file: FileModel, call: Node, function: Node,
                          held: Definition | None = None, through_chain: bool = False) -> bool:
    """A `context.Background()`/`TODO()` handed straight into a call on ``function``'s own
    path, not as a root of its own lifetime, and not said or shaped to be deliberate.
    ``held`` is the caller's context the function holds, if any (a goroutine bounded by it
    does not make a result outlive the call). ``through_chain``: asked for a chain of calls
    into a function that makes its own context (see ``_on_error_branch``)."""
    consumer = _consuming_call(call)
    return consumer is not None and not _own_lifetime_root(file, consumer) and \
        not _result_outlives_call(file, consumer, held) and \
        not detached_on_purpose(file, call, function, through_chain)


def detached_on_purpose(file: FileModel, call: Node, function: Node,
                        through_chain: bool = False) -> bool:
    """What code says or is shaped like when it detaches on purpose: a comment line of prose
    just above the call, or cleanup on the branch taken after an error."""
    return _commented(file, call, function) or \
        _on_error_branch(file, call, function, through_chain)


def _consuming_call(call: Node) -> Node | None:
    """The call that receives ``call``'s result directly as an argument."""
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "argument_list":
        return None
    holder = parent.parent
    return holder if holder is not None and holder.type == "call_expression" else None


def _own_lifetime_root(file: FileModel, call: Node) -> bool:
    """`context.WithCancel(context.Background())` and alikes: a fresh root for a context of
    its own lifetime, not the caller's context dropped on a call; unless its cancel is
    deferred in the same function, which bounds it by the call (then it should derive from
    the caller's context)."""
    qualified = file.package_call(call)
    if qualified is None or qualified[0] != CONTEXT:
        return False
    assigned = assignment_of(call)
    if assigned is None or len(assigned[1]) != 2 or assigned[1][1].type != "identifier":
        return True
    scopes = file.scopes(call)
    cancel = scopes.resolve(assigned[1][1])
    if cancel is None:
        return True
    for use in scopes.uses(cancel):
        deferred = file.inside(use, "defer_statement")
        if deferred is not None and scopes.function_of(deferred) == cancel.function:
            return False  # `defer cancel()`, or `defer func() { cancel() }()`, here
    return True


def _result_outlives_call(file: FileModel, consumer: Node,
                          held: Definition | None) -> bool:
    """`f, err := fifo.OpenFifo(context.Background(), ...)` whose `f` is then stored in a
    field or a package variable, or used by a goroutine that the caller's context does not
    bound, or `ctx, conn, err := dial(context.Background())` declared to return a context of
    its own: the fresh context is the lifetime of what the call returns. A local map or
    literal, or `go inf.Run(ctx.Done())` on the caller's own context, outlives nothing."""
    assigned = assignment_of(consumer)
    if assigned is None:
        return False
    scopes = file.scopes(consumer)
    bounded = [use.start_byte for use in scopes.uses(held)] if held is not None else []
    derived = _derived_contexts(file, consumer, assigned[1])
    for index, target in enumerate(assigned[1]):
        if target.type != "identifier" or text(target) == "_":
            continue
        if index in derived:
            return True  # it derives a context of its own from the fresh root
        definition = scopes.resolve(target)
        if definition is None:
            continue
        for use in scopes.uses(definition):
            go_statement = file.inside(use, "go_statement")
            if go_statement is not None and not holding(bounded)(go_statement):
                return True
            if _stored_beyond_call(file, use):
                return True
    return False


def _derived_contexts(file: FileModel, call: Node, targets: list[Node]) -> set[int]:
    """The positions of the results of ``call`` that are contexts of their own, by the
    callee's declaration (a same-package function declared to return a `context.Context`
    there); `errgroup.WithContext`'s context is bounded by the group, so it counts only when
    this function does not `Wait` for the group."""
    qualified = file.package_call(call)
    if qualified == (ERRGROUP, "WithContext"):
        group = targets[0] if targets and targets[0].type == "identifier" else None
        waited = group is not None and any(
            (selected := selected_field(use)) is not None and selected[0] == "Wait"
            for use in _uses_of(file, group))
        return set() if waited else {1}
    resolution = file.package_view.resolve_call(file, call)
    if qualified is not None or resolution is None or not resolution.certain or \
            len(resolution.targets) != 1:
        return set()
    result = resolution.targets[0].node.child_by_field_name("result")
    types: list[Node | None] = [result]
    if result is not None and result.type == "parameter_list":
        types = [p.child_by_field_name("type") for p in result.named_children
                 if p.type == "parameter_declaration"
                 for _ in range(max(1, len(p.children_by_field_name("name"))))]
    return {index for index, kind in enumerate(types)
            if kind is not None and file.is_qualified(kind, CONTEXT, "Context")}


def _uses_of(file: FileModel, ident: Node) -> list[Node]:
    scopes = file.scopes(ident)
    definition = scopes.resolve(ident)
    return scopes.uses(definition) if definition is not None else []


def _stored_beyond_call(file: FileModel, use: Node) -> bool:
    """Whether the statement holding ``use`` assigns it (directly, in a literal, appended)
    to something that outlives the function: a field (`h.st = state{c: c}`, `h.conns =
    append(h.conns, c)`), a pointer's target (`*out = c`), a package variable, or an element
    of a parameter's map or slice (`into[k] = c`); not a local map, slice or literal."""
    statement = use.parent
    while statement is not None and statement.type != "assignment_statement":
        if statement.type in ("block", "statement_list", "source_file") or \
                statement.type in FUNCTION_TYPES:
            return False
        statement = statement.parent
    if statement is None:
        return False
    right = statement.child_by_field_name("right")
    left = statement.child_by_field_name("left")
    if right is None or left is None or not right.start_byte <= use.start_byte < right.end_byte:
        return False
    for target in left.named_children:
        root = unparen(target)
        if root.type == "unary_expression":
            return True  # `*out = c`
        while root.type == "index_expression":
            inner = root.child_by_field_name("operand")
            if inner is None:
                break
            root = unparen(inner)
        if root.type == "selector_expression":
            return True  # a field: the value's owner outlives the call
        if root.type == "identifier" and text(root) != "_":
            definition = file.resolve(root)
            if definition is None or (root is not target and
                                      definition.kind in ("param", "receiver")):
                return True  # a package variable, or the caller's map or slice
    return False


def _commented(file: FileModel, call: Node, function: Node) -> bool:
    """A comment line of its own inside the function, on one of the two lines just above the
    call's statement, in prose: how code says "detached on purpose". A task marker (`TODO`,
    `FIXME`, `XXX`) says the opposite, and commented-out code says nothing."""
    line = call.start_point[0]
    body = function.child_by_field_name("body")
    start = body.start_byte if body is not None else function.start_byte
    for comment in file.find("comment"):
        if not start <= comment.start_byte < call.start_byte or \
                comment.end_point[0] < line - 2 or comment.start_point[0] >= line:
            continue
        if not file.source.line_text(comment.start_point[0] + 1)[:comment.start_point[1]].strip() \
                and _is_prose(text(comment)):
            return True
    return False


_TASK_MARKER = re.compile(r"\b(?:TODO|FIXME|XXX|HACK|BUG)\b|(?i:^(?:todo|fixme)\b)")
_DIRECTIVE = re.compile(r"^(?:nolint|lint:|go:|leakgate:|\+build)")
_CODE = re.compile(r"^(?:[\w.\[\]]+\s*(?:,\s*[\w.]+\s*)*:?=[^=]|[\w.]+\(.*\)\s*[;{]?$|"
                   r"(?:if|for|return|go|defer|switch|select|case)\b.*[{;:)]$|[{}()]+$)")


def _is_prose(comment: str) -> bool:
    """A comment that explains: not a task marker, not a line of commented-out code."""
    body = comment.removeprefix("//").removeprefix("/*").removesuffix("*/").strip()
    return bool(body) and not _TASK_MARKER.search(body) and not _CODE.match(body) and \
        not _DIRECTIVE.match(body)


def _on_error_branch(file: FileModel, call: Node, function: Node, through_chain: bool) -> bool:
    """In the branch an `if` takes after an error (the body of `if err != nil {`, the `else`
    of `if err == nil {`): cleanup after a failure must run even when the caller's context is
    already cancelled. The call in the `if`'s own initializer or condition
    (`if err := h.Process(context.TODO(), m); err != nil`) is the work, not the cleanup. A
    value tested against nil is an error when its type says so, or when only a type checker
    could tell.

    Through a chain of calls (a caller's call of a function that makes its own context, and
    that function's own fresh context) the error-checked operation itself counts too:
    whether such an operation (a cleanup, a one-time setup, a serialisation) needs the
    caller's context depends on what its callee does with it, which is not known yet (on the
    wild sources, 7 of 7 chain findings of this shape were judged false)."""
    for holder in ancestors(call):
        if holder == function:
            return False
        if holder.type != "if_statement":
            continue
        condition = holder.child_by_field_name("condition")
        initializer = holder.child_by_field_name("initializer")
        if through_chain and condition is not None and _tests_error(file, condition, "!=") and \
                initializer is not None and \
                initializer.start_byte <= call.start_byte < initializer.end_byte:
            return True
        for branch, when in (("consequence", "!="), ("alternative", "==")):
            body = holder.child_by_field_name(branch)
            if body is not None and body.start_byte <= call.start_byte < body.end_byte and \
                    condition is not None and _tests_error(file, condition, when):
                return True
    return False


def _tests_error(file: FileModel, condition: Node, operator: str) -> bool:
    """Whether ``condition`` is (a conjunct or disjunct of) `x <operator> nil` for an error x."""
    stack = [unparen(condition)]
    while stack:
        node = stack.pop()
        if node.type != "binary_expression":
            continue
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is None or right is None or op is None:
            continue
        if op.type in ("&&", "||"):
            stack.extend((unparen(left), unparen(right)))
        elif op.type == operator:
            value = left if text(right) == "nil" else right if text(left) == "nil" else None
            if value is not None and is_error_value(file, unparen(value)) is not False:
                return True  # an error, or a value only a type checker could tell
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
            if found is None or detached_on_purpose(file, call, function, True) or \
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
                    fresh_context_dropped(file, call, function, through_chain=True):
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


def released_with_request(file: FileModel, call: Node) -> bool:
    """Whether the `context.With*` call derives from the context of the request a handler
    serves: `r.Context()` with `r` the `*http.Request` parameter of a function that also takes
    an `http.ResponseWriter`, or `stream.Context()` with `stream` a parameter of a gRPC server
    stream type (`pb.Svc_MethodServer`). net/http cancels that context when the handler returns
    (and gRPC when the call ends), and every child with it: a cancel lost there holds nothing
    past the handler."""
    arguments = call.child_by_field_name("arguments")
    parent = unparen(arguments.named_children[0]) if arguments is not None and \
        arguments.named_child_count else None
    if parent is None or parent.type != "call_expression":
        return False
    receiver, name = call_callee(parent)
    if name != "Context" or receiver is None or receiver.type != "identifier":
        return False
    definition = file.resolve(receiver)
    kind = definition.type_node() if definition is not None else None
    if definition is None or definition.kind != "param" or kind is None:
        return False
    function = definition.function
    if kind.type == "pointer_type" and kind.named_child_count and \
            file.is_qualified(kind.named_children[0], HTTP, "Request"):
        return has_parameter_of(file, function, HTTP, ("ResponseWriter",))
    name_node = kind.child_by_field_name("name") if kind.type == "qualified_type" else None
    return name_node is not None and text(name_node).endswith("Server")
