"""Function summaries: what a same-package function does with what it is handed.

Each fact is computed once per package (cached on the package view) from the callee's own
syntax, so a rule asks "does `fill` close the channel I pass it?" instead of walking into
`fill`. Answers are three-valued where it matters: True and False are proofs, None is unknown
("could do anything"), and rules stay silent on unknown.
"""

from __future__ import annotations

from typing import cast

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    RANGE,
    RECEIVE,
    SEND,
    ChannelUse,
    cannot_give_up,
    classify,
)
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.package import FunctionRef
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import assignment_of, descendants, text, unparen

_MAX_DEPTH = 4
# A worker's wait for cancellation sits in its own body or one or two calls down (its run
# loop); following every call deeper costs more than it finds.
_WAIT_DEPTH = 2


def parameter_definition(ref: FunctionRef, index: int) -> Definition | None:
    """The local definition of ``ref``'s parameter number ``index`` (None for `_` or
    unnamed parameters)."""
    parameters = ref.parameters()
    if index >= len(parameters):
        return None
    name = parameters[index][0]
    if name in ("", "_"):
        return None
    for definition in ref.file.scopes(ref.node).definitions:
        if definition.kind == "param" and definition.function == ref.node and \
                definition.name == name:
            return definition
    return None


def argument_index(call: Node, argument: Node) -> int | None:
    """The position of ``argument`` (or the expression holding it) in ``call``'s arguments."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return None
    items = [a for a in arguments.named_children if a.type != "comment"]
    for index, item in enumerate(items):
        if item.start_byte <= argument.start_byte and argument.end_byte <= item.end_byte:
            return index
    return None


def call_of_argument(argument: Node) -> Node | None:
    """The call whose argument list holds ``argument`` directly (through `&`/parens)."""
    current = argument
    parent = current.parent
    while parent is not None and (parent.type == "parenthesized_expression" or (
            parent.type == "unary_expression" and text(parent).startswith("&"))):
        current, parent = parent, parent.parent
    if parent is None or parent.type != "argument_list":
        return None
    call = parent.parent
    return call if call is not None and call.type == "call_expression" else None


def callee_closes(ctx: FileContext, call: Node, index: int) -> bool | None:
    """Whether the same-package function ``call`` runs closes its argument ``index`` on
    every path (True), provably never closes it nor hands it on (False), or unknown."""
    resolution = ctx.package_view.resolve_call(ctx, call)
    if resolution is None:
        return None
    answers = {closes_parameter(ctx, ref, index) for ref in resolution.targets}
    if answers == {True}:
        return True
    if answers == {False} and resolution.certain:
        return False
    return None


def closes_parameter(ctx: FileContext, ref: FunctionRef, index: int, depth: int = 0) -> bool | None:
    """Summary of one function: does it close its channel parameter ``index``?"""
    def compute() -> bool | None:
        definition = parameter_definition(ref, index)
        if definition is None or depth > _MAX_DEPTH:
            return None
        file = ref.file
        uses = [classify(file, use, definition) for use in file.scopes(ref.node).uses(definition)]
        closes = [u for u in uses if u.kind == CLOSE]
        if closes:
            return None if closed_on_some_path(file, closes) else True
        handed: list[bool | None] = []
        for use in uses:
            if use.kind != ESCAPE:
                continue
            call = call_of_argument(use.ident)
            position = argument_index(call, use.ident) if call is not None else None
            if call is None or position is None:
                return None  # stored, returned, sent: somebody else's job
            resolution = file.package_view.resolve_call(file, call)
            if resolution is None:
                return None
            answers = {closes_parameter(file, target, position, depth + 1)
                       for target in resolution.targets}
            handed.append(answers.pop() if len(answers) == 1 else None)
        if any(answer is None for answer in handed):
            return None
        return True if any(handed) else False

    view = ref.file.package_view
    return cast("bool | None", view.summary(f"closes.{index}.{depth}", ref, compute))


def closed_on_some_path(ctx: FileContext, closes: list[ChannelUse]) -> Node | None:
    """For channel-close uses: a return of a closing function that skips every close (None
    when some function closes the channel on all of its paths, or when the closes are spread
    over several functions, such as a walk callback and the goroutine around it: which paths
    they cover together is not known)."""
    functions: dict[int, tuple[Node, list[int]]] = {}
    for use in closes:
        if use.function is None:
            return None
        entry = functions.setdefault(use.function.start_byte, (use.function, []))
        entry[1].append(use.operation.start_byte)
    if len(functions) > 1:
        return None
    leaks = []
    for function, positions in functions.values():
        cfg = ctx.cfg(function)
        if cfg is None:
            return None
        leak = cfg.entry_exit_avoiding(
            lambda item, p=positions: any(item.start_byte <= x < item.end_byte for x in p))
        if leak is None:
            return None
        leaks.append(leak)
    return leaks[0]


def waits_for_cancellation(ctx: FileContext, ref: FunctionRef, depth: int = 0) -> bool:
    """Whether a function is a worker that runs until a context is cancelled or a stop
    channel is closed: it receives from `x.Done()` (in a loop, a select or plainly), or
    calls a same-package function that does."""
    def compute() -> bool:
        return body_waits_for_cancellation(ref.file, ref.node, depth)

    return bool(ref.file.package_view.summary(f"waits_cancel.{depth}", ref, compute))


def body_waits_for_cancellation(ctx: FileContext, function: Node, depth: int = 0) -> bool:
    """The same question for any function node (a literal run by `go` included)."""
    body = function.child_by_field_name("body")
    if body is None:
        return False
    calls = []
    for node in descendants(body, frozenset({"unary_expression", "call_expression"}),
                            into_functions=False):
        if node.type == "unary_expression":
            operand = node.child_by_field_name("operand")
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == "<-" and operand is not None:
                operand = unparen(operand)
                if operand.type == "call_expression" and _method_name(operand) == "Done":
                    return True
        else:
            calls.append(node)
    if depth >= _WAIT_DEPTH:
        return False
    for call in calls:
        resolution = ctx.package_view.resolve_call(ctx, call)
        if resolution is None:
            continue
        if any(waits_for_cancellation(ref.file, ref, depth + 1) for ref in resolution.targets):
            return True
    return False


def _method_name(call: Node) -> str:
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return ""
    field = function.child_by_field_name("field")
    return text(field) if field is not None else ""


def request_gets_context(ctx: FileContext, producer: Node, depth: int = 0) -> bool:
    """Whether the request a call produces (`req, err := http.NewRequest(...)`, or a
    same-package builder returning one) is given a context before it is sent: `WithContext`
    on it later (directly or through the field it is stored in), handed to a call that also
    receives a context (`client.Do(ctx, req)`), or returned from a builder whose every
    same-package caller does one of these. An exported builder nobody in the package calls
    is its callers' job, and a request never handed to anything is never sent: True."""
    if depth > _MAX_DEPTH:
        return False
    assigned = assignment_of(producer)
    if assigned is None:
        return _returned(producer) and _builder_callers_give_context(ctx, producer, depth)
    statement, left = assigned
    target = left[0] if left else None
    if target is None:
        return False
    if target.type == "selector_expression":
        field = target.child_by_field_name("field")
        return field is not None and _field_gets_context(ctx, text(field))
    if target.type != "identifier":
        return False
    scopes = ctx.scopes(producer)
    definition = scopes.resolve(target)
    if definition is None:
        return False
    handed_on = False
    for use in scopes.uses(definition):
        if use.start_byte <= producer.start_byte:
            continue
        how = escape_of_use(use, definition, captures=False)
        handed_on = handed_on or how is not None
        parent = use.parent
        if parent is not None and parent.type == "selector_expression":
            field = parent.child_by_field_name("field")
            if field is not None and text(field) == "WithContext":
                return True
            continue
        call = call_of_argument(use)
        if call is not None and _receives_context(ctx, call):
            return True
        if how == "returned" and _builder_callers_give_context(ctx, producer, depth):
            return True
        if how == "stored":
            holder = parent
            while holder is not None and holder.type not in ("assignment_statement",
                                                             "keyed_element"):
                holder = holder.parent
            names = _stored_field_names(holder)
            if names and all(_field_gets_context(ctx, name) for name in names):
                return True
    # Never handed to anything (only its URL or headers read, as presigning does): it is
    # never sent, so it needs no context.
    return not handed_on


def _returned(node: Node) -> bool:
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "expression_list"):
        parent = parent.parent
    return parent is not None and parent.type == "return_statement"


def _builder_callers_give_context(ctx: FileContext, producer: Node, depth: int) -> bool:
    function = ctx.outermost_function(producer)
    if function is None or function.type == "func_literal":
        return False
    view = ctx.package_view
    ref = view.function_at(ctx, function)
    if ref is None:
        return False

    def compute() -> bool:
        callers = list(view.callers(ref))
        if not callers:
            # An exported builder nobody here calls: its callers, elsewhere, attach it.
            return ref.name[:1].isupper() and not view.uses_outside_calls(ref)
        return all(request_gets_context(file, call, depth + 1) for file, call in callers)

    return bool(view.summary(f"builder_gives_context.{depth}", ref, compute))


def _stored_field_names(holder: Node | None) -> list[str]:
    if holder is None:
        return []
    if holder.type == "keyed_element":
        key = holder.named_children[0] if holder.named_child_count else None
        return [text(key)] if key is not None else []
    left = holder.child_by_field_name("left")
    names = []
    for target in left.named_children if left is not None else []:
        if target.type == "selector_expression":
            field = target.child_by_field_name("field")
            if field is not None:
                names.append(text(field))
    return names


def _field_gets_context(ctx: FileContext, name: str) -> bool:
    """Some code of the package calls `x.<name>.WithContext(...)`: a template request kept in
    a field and sent with a context each time."""
    for _, node in ctx.package_view.references(name):
        parent = node.parent
        outer = parent.parent if parent is not None else None
        if parent is not None and parent.type == "selector_expression" and \
                outer is not None and outer.type == "selector_expression":
            field = outer.child_by_field_name("field")
            if field is not None and text(field) == "WithContext":
                return True
    return False


def _receives_context(ctx: FileContext, call: Node) -> bool:
    """Whether a call is also handed a context: an argument that is a `context.Context`
    local, a name spelled like one (`ctx`, `reqCtx`), or an `x.Context()` call."""
    arguments = call.child_by_field_name("arguments")
    for argument in arguments.named_children if arguments is not None else []:
        argument = unparen(argument)
        if argument.type == "identifier":
            name = text(argument)
            if name == "ctx" or name.endswith("Ctx") or name.endswith("ctx"):
                return True
            definition = ctx.resolve(argument)
            type_node = definition.type_node() if definition is not None else None
            if type_node is not None and ctx.is_qualified(type_node, "context", "Context"):
                return True
        elif argument.type == "call_expression" and _method_name(argument) == "Context":
            return True
    return False


# How a function uses a channel it is handed (see channel_parameter_uses).
SENDS, SENDS_OR_GIVES_UP = "send", "send-or-give-up"


def channel_parameter_uses(ctx: FileContext, ref: FunctionRef, index: int,
                           depth: int = 0) -> frozenset[str] | None:
    """Summary of one function: what it does with its channel parameter ``index``, following
    same-package calls it hands the channel to: SENDS (a send that cannot give up),
    SENDS_OR_GIVES_UP (a send in a select with another way out), RECEIVE, RANGE, CLOSE.
    None when the channel reaches code the package cannot see, or is stored or returned."""
    def compute() -> frozenset[str] | None:
        definition = parameter_definition(ref, index)
        if definition is None or depth > _MAX_DEPTH:
            return None
        file = ref.file
        kinds: set[str] = set()
        for use in (classify(file, u, definition) for u in file.scopes(ref.node).uses(definition)):
            if use.kind == SEND:
                kinds.add(SENDS if can_block(use) else SENDS_OR_GIVES_UP)
            elif use.kind in (RECEIVE, RANGE, CLOSE):
                kinds.add(use.kind)
            elif use.kind == ESCAPE:
                handed = handed_channel_uses(file, use.ident, depth + 1)
                if handed is None:
                    return None
                kinds |= handed
        return frozenset(kinds)

    return cast("frozenset[str] | None",
                ref.file.package_view.summary(f"chan.{index}.{depth}", ref, compute))


def handed_channel_uses(ctx: FileContext, argument: Node, depth: int = 0) -> frozenset[str] | None:
    """What the same-package function a channel is passed to (`fill(ch)`, `go s.emit(ch)`)
    does with it; None when the call is not resolved with certainty or the summary is
    unknown."""
    call = call_of_argument(argument)
    position = argument_index(call, argument) if call is not None else None
    if call is None or position is None:
        return None
    resolution = ctx.package_view.resolve_call(ctx, call)
    if resolution is None or not resolution.certain:
        return None
    kinds: set[str] = set()
    for target in resolution.targets:
        found = channel_parameter_uses(target.file, target, position, depth)
        if found is None:
            return None
        kinds |= found
    return frozenset(kinds)


def can_block(use: ChannelUse) -> bool:
    """A send or receive that cannot give up: plain, or a select with no other case."""
    return cannot_give_up(use.in_select)
