"""Function summaries: what a same-package function does with what it is handed.

Each fact is computed once per package (cached on the package view) from the callee's own
syntax, so a rule asks "does `fill` close the channel I pass it?" instead of walking into
`fill`. Answers are three-valued where it matters: True and False are proofs, None is unknown
("could do anything"), and rules stay silent on unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from leakgate.semantics.cfg import CFG
from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    RANGE,
    RECEIVE,
    SEND,
    Channel,
    ChannelUse,
    cannot_give_up,
    classify,
    go_call,
    goroutine_of,
)
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Summary
from leakgate.semantics.model import FileModel
from leakgate.semantics.module import callers_anywhere
from leakgate.semantics.package import FunctionRef, Resolution
from leakgate.semantics.reach import holds_context
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import (
    assignment_of,
    descendants,
    directly_returned,
    is_assignment_target,
    text,
    unparen,
)
from leakgate.semantics.types import context_parameters
from leakgate.semantics.values import returned_first

# Summaries kept per function (see facts.py): the value type, then the depth in the key.
_CLOSES: Summary[bool | None] = Summary("closes channel argument")
_WAITS_CANCEL: Summary[bool] = Summary("waits for cancellation")
_REQUEST_PARAMETER_CONTEXT: Summary[bool] = Summary("request parameter gets a context")
_BUILDER_GIVES_CONTEXT: Summary[bool] = Summary("built request gets a context")
_CHANNEL_USE: Summary[frozenset[str] | None] = Summary("channel argument use")

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


def first_call_handed(file: FileModel, definition: Definition,
                      after: Node) -> tuple[Node, Node] | None:
    """(the callee, the argument) of the first call handed the variable after ``after``."""
    for use in file.scopes(after).uses(definition):
        call = call_of_argument(use) if use.start_byte > after.end_byte else None
        callee = call.child_by_field_name("function") if call is not None else None
        if callee is not None:
            return callee, use
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


def callee_closes(ctx: FileModel, call: Node, index: int) -> bool | None:
    """Whether the same-package function ``call`` runs closes its argument ``index`` on
    every path (True), provably never closes it nor hands it on (False), or unknown."""
    resolution = ctx.package_view.resolve_call(ctx, call)
    if resolution is None:
        return None
    answers = {closes_parameter(ref, index) for ref in resolution.targets}
    if answers == {True}:
        return True
    if answers == {False} and resolution.certain:
        return False
    return None


def closes_parameter(ref: FunctionRef, index: int, depth: int = 0) -> bool | None:
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
            answers = {closes_parameter(target, position, depth + 1)
                       for target in resolution.targets}
            handed.append(answers.pop() if len(answers) == 1 else None)
        if any(answer is None for answer in handed):
            return None
        return True if any(handed) else False

    view = ref.file.package_view
    return view.summary(_CLOSES.at(depth, index), ref, compute)


def closed_on_some_path(ctx: FileModel, closes: list[ChannelUse]) -> Node | None:
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
        leak = cfg.entry_exit_avoiding(positions)
        if leak is None:
            return None
        leaks.append(leak)
    return leaks[0]


def waits_for_cancellation(ref: FunctionRef, depth: int = 0) -> bool:
    """Whether a function is a worker that runs until a context is cancelled or a stop
    channel is closed: it receives from `x.Done()` (in a loop, a select or plainly), or
    calls a same-package function that does."""
    def compute() -> bool:
        return body_waits_for_cancellation(ref.file, ref.node, depth)

    return bool(ref.file.package_view.summary(_WAITS_CANCEL.at(depth), ref, compute))


def body_waits_for_cancellation(ctx: FileModel, function: Node, depth: int = 0) -> bool:
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
        if any(waits_for_cancellation(ref, depth + 1) for ref in resolution.targets):
            return True
    return False


def _method_name(call: Node) -> str:
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return ""
    field = function.child_by_field_name("field")
    return text(field) if field is not None else ""


def request_gets_context(ctx: FileModel, producer: Node, depth: int = 0) -> bool:
    """Whether the request a call produces (`req, err := http.NewRequest(...)`, or a
    same-package builder returning one) is given a context, or a way to be cancelled, before
    it is sent: `WithContext` on it later (directly or through the field it is stored in),
    its `Cancel` channel set (the pre-context idiom), handed to a call that also receives a
    context (`client.Do(ctx, req)`) or to a same-package helper that does one of these with
    it, or returned from a builder whose every caller in the module does. An exported builder
    nobody in the module calls is its callers' job, and a request never sent (never handed
    on, or only signed or served in-process) needs no context: True."""
    if depth > _MAX_DEPTH:
        return False
    assigned = assignment_of(producer)
    if assigned is None:
        return directly_returned(producer) and _builder_callers_give_context(ctx, producer, depth)
    statement, left = assigned
    target = left[0] if left else None
    if target is None:
        return False
    if target.type == "selector_expression":
        field = target.child_by_field_name("field")
        return field is not None and _field_gets_context(ctx, text(field))
    if target.type != "identifier":
        return False
    definition = ctx.scopes(producer).resolve(target)
    if definition is None:
        return False
    return _request_variable_gets_context(ctx, definition, producer, depth)


def _request_variable_gets_context(ctx: FileModel, definition: Definition,
                                   producer: Node | None, depth: int) -> bool:
    """The uses of a request variable (``producer`` made it; None for a parameter)."""
    scopes = ctx.scopes(definition.node)
    handed_on = False
    for use in scopes.uses(definition):
        if producer is not None and use.start_byte <= producer.start_byte:
            continue
        parent = use.parent
        if parent is not None and parent.type == "selector_expression":
            field = parent.child_by_field_name("field")
            name = text(field) if field is not None else ""
            if name == "WithContext" or (name == "Cancel" and is_assignment_target(parent)):
                return True
            continue
        call = call_of_argument(use)
        if call is not None:
            # A helper whose body is in sight answers for itself; a call out of sight that is
            # also handed a context may attach it.
            known = ctx.package_view.resolve_call(ctx, call)
            if (_receives_context(ctx, call, use) and
                    (known is None or _uses_context(known))) or \
                    _cancels(call) or _helper_gives_context(ctx, call, use, depth):
                return True
            if _serves_or_signs(ctx, call):
                continue  # not sent over the network
        how = escape_of_use(use, definition, captures=False)
        handed_on = handed_on or how is not None
        if producer is None:
            continue
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
            if _returned_through_literal(ctx, holder, names) and \
                    _builder_callers_give_context(ctx, producer, depth):
                return True
    # Never handed to anything (only its URL or headers read, as presigning does): it is
    # never sent, so it needs no context. A helper that only reads its request parameter
    # gives it nothing.
    return producer is not None and not handed_on


def _helper_gives_context(ctx: FileModel, call: Node, argument: Node, depth: int) -> bool:
    """``call`` runs same-package functions that each give the request they are handed (as
    ``argument``) a context or a cancel channel: `doRequest(req)` whose body sends
    `req.WithContext(s.ctx)`, or `requestCanceler(tr, req)` setting `req.Cancel`."""
    if depth >= _MAX_DEPTH:
        return False
    resolution = ctx.package_view.resolve_call(ctx, call)
    index = argument_index(call, argument)
    if resolution is None or not resolution.targets or index is None:
        return False
    gives = []
    for ref in resolution.targets:
        parameter = parameter_definition(ref, index)
        if parameter is None or not _is_request_type(ref.file, parameter.type_node()):
            return False

        def compute(ref: FunctionRef = ref, parameter: Definition = parameter) -> bool:
            return _request_variable_gets_context(ref.file, parameter, None, depth + 1)

        gives.append(bool(ref.file.package_view.summary(
            _REQUEST_PARAMETER_CONTEXT.at(depth, index), ref, compute)))
    # Functions of one name are build variants (`withContext` for App Engine, which attaches
    # contexts its own way, and for everything else): one attaching it is enough. Methods of
    # one name on several receivers must each do it.
    methods = any(ref.receiver is not None for ref in resolution.targets)
    return all(gives) if methods else any(gives)


def _uses_context(resolution: Resolution) -> bool:
    """Whether the functions a call runs use the context they are handed beside the request
    (dial the connection it goes on, attach it): a wrapper in sight that ignores it
    (`func(req *http.Request, ctx context.Context) *http.Request { return req }`) does not."""
    for ref in resolution.targets:
        for definition, is_request in context_parameters(ref.file, ref.node):
            if not is_request and ref.file.scopes(ref.node).uses(definition):
                return True
    return False


def _cancels(call: Node) -> bool:
    """`transport.CancelRequest(req)`, `cancelRequest(tr, req)`: cancelled on a timer or
    signal the older way."""
    function = call.child_by_field_name("function")
    name = _method_name(call) or (text(function) if function is not None and
                                  function.type == "identifier" else "")
    return name.lower() == "cancelrequest"


def _is_request_type(file: FileModel, type_node: Node | None) -> bool:
    """`*http.Request` (a method found by name alone may take something else there)."""
    if type_node is None or type_node.type != "pointer_type":
        return False
    pointed = type_node.named_children[0] if type_node.named_child_count else None
    return file.is_qualified(pointed, "net/http", "Request")


# `Sign`, `SignV4`, `signRequest`, `Presign`, `PresignHTTP`; `doSign`, `reqSign` (not
# `assign`, `design`, `signal`).
_SIGNER = re.compile(r"(?:[Pp]re)?[Ss]ign(?:[A-Z0-9_]\w*)?")
_SIGNER_SUFFIX = re.compile(r"[a-z0-9]Sign(?:[A-Z0-9_]|$)")


def _serves_or_signs(ctx: FileModel, call: Node) -> bool:
    """A call that takes the request without sending it over the network: a handler run
    in-process (`h.ServeHTTP(w, req)`, `handler(httptest.NewRecorder(), req)`), or a signer
    (`Sign`, `Presign`, `SignRequest`)."""
    name = _method_name(call)
    function = call.child_by_field_name("function")
    if not name and function is not None and function.type == "identifier":
        name = text(function)
    if name == "ServeHTTP" or _SIGNER.fullmatch(name) or _SIGNER_SUFFIX.search(name):
        return True
    arguments = call.child_by_field_name("arguments")
    for item in arguments.named_children if arguments is not None else []:
        item = unparen(item)
        if item.type == "identifier":
            definition = ctx.resolve(item)
            value = _assigned_value(definition) if definition is not None else None
            item = value if value is not None else item
        if item.type == "call_expression" and text(item).startswith("httptest.NewRecorder("):
            return True
    return False


def _assigned_value(definition: Definition) -> Node | None:
    """The value a `w := f()` definition was given (single-name short declarations)."""
    statement = definition.statement
    if statement.type != "short_var_declaration":
        return None
    right = statement.child_by_field_name("right")
    values = [v for v in right.named_children] if right is not None else []
    return values[0] if len(values) == 1 else None


def _builder_callers_give_context(ctx: FileModel, producer: Node, depth: int) -> bool:
    function = ctx.outermost_function(producer)
    if function is None or function.type == "func_literal":
        return False
    view = ctx.package_view

    def compute(ref: FunctionRef) -> bool:
        # Tests call a builder to inspect what it builds, not to send it.
        callers = [(file, call) for file, call in callers_anywhere(ref) if not file.is_test]
        if not callers:
            # An exported builder nobody in the module calls: its callers, elsewhere, attach it.
            return ref.name[:1].isupper() and not view.uses_outside_calls(ref)
        # A method of the same name calling it is a decorator of the same interface method
        # (`authedAction.HTTPRequest` calling `a.act.HTTPRequest`): its own callers are these.
        return all(request_gets_context(file, call, depth + 1) for file, call in callers
                   if not _same_method(file, call, ref.name))

    return view.function_summary(_BUILDER_GIVES_CONTEXT.at(depth), ctx, function, compute)


def _same_method(file: FileModel, call: Node, name: str) -> bool:
    function = file.outermost_function(call)
    named = function.child_by_field_name("name") if function is not None else None
    return function is not None and function.type == "method_declaration" and \
        named is not None and text(named) == name


def _returned_through_literal(ctx: FileModel, holder: Node | None, names: list[str]) -> bool:
    """`p := &Params{Request: req}` ... `return p.Request, nil`: a local struct literal holds
    the request, and the function returns it from there."""
    literal = holder.parent.parent if holder is not None and holder.type == "keyed_element" \
        and holder.parent is not None else None
    if literal is not None and literal.parent is not None and \
            literal.parent.type == "unary_expression":
        literal = literal.parent  # `&Params{...}`
    assigned = assignment_of(literal) if literal is not None else None
    if literal is None or assigned is None or len(names) != 1 or len(assigned[1]) != 1 or \
            assigned[1][0].type != "identifier":
        return False
    function = ctx.enclosing_function(literal)
    wanted = f"{text(assigned[1][0])}.{names[0]}"
    return function is not None and any(text(first) == wanted
                                        for first in returned_first(function))


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


def _field_gets_context(ctx: FileModel, name: str) -> bool:
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


def _receives_context(ctx: FileModel, call: Node, request: Node) -> bool:
    """Whether a call may also be handed a context beside the ``request`` argument: an
    argument that is one (a parameter or local holding a `context.Context`, see
    `holds_context`), a local of unknown make (it may be one: unknown is not no), an
    `x.Context()` call or a context made in place."""
    arguments = call.child_by_field_name("arguments")
    for argument in arguments.named_children if arguments is not None else []:
        argument = unparen(argument)
        if argument.start_byte <= request.start_byte < argument.end_byte:
            continue  # the request itself
        if argument.type == "identifier":
            definition = ctx.resolve(argument)
            if definition is not None and holds_context(ctx, definition) is not False:
                return True
        elif argument.type == "call_expression":
            qualified = ctx.package_call(argument)
            if _method_name(argument) == "Context" or \
                    (qualified is not None and qualified[0] == "context"):
                return True
    return False


# How a function uses a channel it is handed (see channel_parameter_uses).
SENDS, SENDS_OR_GIVES_UP = "send", "send-or-give-up"


def channel_parameter_uses(ref: FunctionRef, index: int,
                           depth: int = 0) -> frozenset[str] | None:
    """Summary of one function: what it does with its channel parameter ``index``, following
    same-package calls it hands the channel to: SENDS (a send that cannot give up),
    SENDS_OR_GIVES_UP (a send in a select with another way out), RECEIVE, RANGE, CLOSE.
    None when the channel reaches code the package cannot see, or is stored or returned."""
    def compute() -> frozenset[str] | None:
        definition = parameter_definition(ref, index)
        if definition is None or depth > _MAX_DEPTH:
            return None
        declaration = definition.node.parent
        if declaration is not None and declaration.type == "variadic_parameter_declaration":
            return None  # `notify ...chan<- struct{}` is a slice: `range notify` receives nothing
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

    return ref.file.package_view.summary(_CHANNEL_USE.at(depth, index), ref, compute)


def handed_channel_uses(ctx: FileModel, argument: Node, depth: int = 0) -> frozenset[str] | None:
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
        found = channel_parameter_uses(target, position, depth)
        if found is None:
            return None
        kinds |= found
    return frozenset(kinds)


def can_block(use: ChannelUse) -> bool:
    """A send or receive that cannot give up: plain, or a select with no other case."""
    return cannot_give_up(use.in_select)


# The sends of each goroutine that sends on a channel (by its start), and the goroutines that
# run a function of the package handed the channel (`go fill(ch)`: the go statement, its call,
# the use).
Senders = dict[int, tuple[Node, list[ChannelUse]]]
Handed = list[tuple[Node, Node, ChannelUse]]


def channel_producers(function: Node, channel: Channel, uses: list[ChannelUse],
                      go_statements: list[Node]) -> tuple[Senders, Handed] | None:
    """The goroutines that only send on the channel, and those handed it; None when someone
    else may drain it (a goroutine that receives too, a closure, code it is handed to)."""
    senders: Senders = {}
    handed: Handed = []  # `go fill(ch)`: the goroutine is a function
    for use in uses:
        go_statement = goroutine_of(use.ident, go_statements)
        if use.kind == ESCAPE:
            call = go_call(go_statement) if go_statement is not None else None
            if go_statement is None or call is None or call_of_argument(use.ident) != call or \
                    not channel.unbuffered:
                return None  # handed away (or how many a helper sends is unknown): drained
            handed.append((go_statement, call, use))
            continue
        if go_statement is None:
            if use.function != function and use.kind in (RECEIVE, RANGE):
                return None  # another goroutine or callback drains it
            continue
        if use.kind in (RECEIVE, RANGE):
            return None  # the goroutine receives too: not a plain producer
        if use.kind == SEND:
            senders.setdefault(go_statement.start_byte, (go_statement, []))[1].append(use)
    return senders, handed


def handed_leaks_of(ctx: FileModel, cfg: CFG, handed: Handed,
                    receives_here: Callable[[Node], bool],
                    any_senders: bool) -> list[tuple[Node, Node, Node]] | None:
    """The goroutines running a function of the package that sends on the channel, with the
    return that leaves it unreceived; None when such a function may receive from it too."""
    leaks = []
    for go_statement, call, use in handed:
        leak = cfg.exit_avoiding(go_statement, receives_here)
        if leak is None and not any_senders:
            continue  # received on every path: what the helper does cannot leak it
        kinds = handed_channel_uses(ctx, use.ident)
        if kinds is None or kinds & {RECEIVE, RANGE}:
            return None  # unknown code, or the goroutine receives too
        if leak is not None and SENDS in kinds:
            leaks.append((go_statement, call, leak))
    return leaks

