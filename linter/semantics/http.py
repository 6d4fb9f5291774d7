"""net/http without types: which calls send a request and return a response, which values are
clients, what a response's error check looks like, and which uses of a response close its body
or hand it on (with the summary of same-package helpers that receive one).

A call returns an `*http.Response` when it is `http.Get/Head/Post/PostForm`, a
`Do/Get/Head/Post/PostForm` method of a value known to be an `http.Client` (declared so, made by
`http.Client{}`/`&http.Client{...}`, `http.DefaultClient`, or a struct field of the package
declared `*http.Client`), or `RoundTrip` (only `http.RoundTripper` has it). Rules may accept a
`Do`/`Get`/... of an unknown receiver when what they do with the result says it is a response
(its `.Body` is used).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.cfg import Branch
from leakgate.semantics.effects import never_runs, only_reads, result_dropped, wraps_closing
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.listeners import local_address, local_address_node, local_listener
from leakgate.semantics.module import callers_anywhere, result_type
from leakgate.semantics.package import FunctionRef, PackageView
from leakgate.semantics.scope import Definition
from leakgate.semantics.summaries import (
    argument_index,
    call_of_argument,
    parameter_definition,
    request_gets_context,
)
from leakgate.semantics.syntax import (
    ancestors,
    assignment_of,
    call_callee,
    descendants,
    directly_returned,
    is_assignment_target,
    selected_field,
    text,
    unparen,
)
from leakgate.semantics.types import initial_value, local_has_type
from leakgate.semantics.urls import url_prefixes
from leakgate.semantics.values import keyed_value, only_value

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

_DECLARES_CLIENTS: Fact[bool] = Fact("declares http clients")
_RESPONSE_CALLS: Fact[list[ResponseCall]] = Fact("calls that return a response")
_CARRIES_CONTEXTS: Fact[bool] = Fact("requests carry contexts")
_CLOSES_RESPONSE: Summary[bool | None] = Summary("closes response argument")
_HELPER_RESPONSES: Fact[list[ResponseCall]] = Fact("calls of helpers that return a response")

HTTP = "net/http"
PACKAGE_SENDERS = frozenset({"Get", "Head", "Post", "PostForm"})
CLIENT_METHODS = frozenset({"Do", "Get", "Head", "Post", "PostForm"})


@dataclass(frozen=True)
class ResponseCall:
    call: Node
    name: str  # `http.Get`, `client.Do`, `t.RoundTrip`
    known: bool  # a client or transport known from the syntax (else: a guess by method name)
    default_client: bool  # sent through http.DefaultClient (no timeout)


def is_http_client(ctx: FileModel, operand: Node) -> bool:
    """Whether ``operand`` is an `http.Client` (or a pointer to one) by its declaration."""
    operand = unparen(operand)
    if ctx.is_qualified(operand, HTTP, "DefaultClient"):
        return True
    if operand.type == "identifier":
        definition = ctx.resolve(operand)
        return definition is not None and local_has_type(ctx, definition, HTTP, "Client")
    if operand.type == "selector_expression":
        if not _declares_clients(ctx):
            return False
        owner = operand.child_by_field_name("operand")
        field = operand.child_by_field_name("field")
        if owner is None or field is None:
            return False
        view = ctx.package_view
        declared = view.field_type(view.type_of(ctx, owner), text(field))
        return declared is not None and text(declared).lstrip("*").replace(" ", "") == \
            "http.Client"
    return False


def _declares_clients(ctx: FileModel) -> bool:
    """Whether any file of the package spells `http.Client` (a field can hold one)."""

    def compute() -> bool:
        return any(b"http.Client" in data for data in ctx.package_view.texts())

    return ctx.package_view.fact(_DECLARES_CLIENTS, compute)


def requests_carry_contexts(view: PackageView) -> bool:
    """Whether the package builds its requests with a context: the caller's deadline then
    bounds them, and a client timeout is the caller's choice (a library's default client)."""

    def compute() -> bool:
        return any(b"NewRequestWithContext(" in data or b".WithContext(" in data or
                   b"ctxhttp." in data for data in view.texts())

    return view.fact(_CARRIES_CONTEXTS, compute)


def response_calls(ctx: FileModel) -> list[ResponseCall]:
    """Calls of the file that send a request and return a response, in source order."""

    def compute() -> list[ResponseCall]:
        found = [ResponseCall(call, f"http.{name}", True, True)
                 for call, name in ctx.calls_to(HTTP, PACKAGE_SENDERS)]
        for name in sorted(CLIENT_METHODS):
            for call, operand in ctx.method_calls(name):
                if ctx.package_call(call) is not None:
                    continue  # http.Get itself, or another package's function
                known = is_http_client(ctx, operand)
                found.append(ResponseCall(call, f"{text(operand)}.{name}", known,
                                          ctx.is_qualified(unparen(operand), HTTP,
                                                           "DefaultClient")))
        for call, operand in ctx.method_calls("RoundTrip"):
            found.append(ResponseCall(call, f"{text(operand)}.RoundTrip", True, False))
        found.sort(key=lambda r: r.call.start_byte)
        return found

    return ctx.memo(_RESPONSE_CALLS, compute)


def _same_request(target: Node) -> bool:
    """`req = req.WithContext(ctx)`: the same request (method included) with a context."""
    targets = target.parent
    statement = targets.parent if targets is not None else None
    right = statement.child_by_field_name("right") if statement is not None and \
        statement.type == "assignment_statement" else None
    value = right.named_children[0] if right is not None and right.named_child_count == 1 \
        else None
    function = value.child_by_field_name("function") if value is not None and \
        value.type == "call_expression" else None
    operand = function.child_by_field_name("operand") if function is not None and \
        function.type == "selector_expression" else None
    field = function.child_by_field_name("field") if operand is not None and \
        function is not None else None
    return operand is not None and field is not None and text(operand) == text(target) and \
        text(field) in ("WithContext", "Clone")


_RETURNS_OPEN: Summary[bool] = Summary("returns a response it leaves open")
_PASSES_THROUGH: Summary[bool] = Summary("returns the response it is handed")


def helper_response_calls(ctx: FileModel) -> list[ResponseCall]:
    """Calls of the package's own functions that return an `*http.Response` they leave open
    (`func openResponse() (*http.Response, error) { return http.Get(url) }`): the caller
    owns its body as if it had sent the request itself."""

    def compute() -> list[ResponseCall]:
        view = ctx.package_view
        names = {f.name for f in view.function_texts() if b"*http.Response" in f.head}
        found = []
        for call in ctx.find("call_expression") if names else ():
            function = call.child_by_field_name("function")
            if function is None:
                continue
            callee = function.child_by_field_name("field") if \
                function.type == "selector_expression" else function
            if callee is None or text(callee) not in names or ctx.package_call(call) is not None:
                continue
            resolution = view.resolve_call(ctx, call)
            if resolution is not None and resolution.certain and resolution.targets and \
                    all(_returns_open_response(ref) for ref in resolution.targets):
                found.append(ResponseCall(call, f"{text(function)}", True, False))
        return found

    return ctx.memo(_HELPER_RESPONSES, compute)


def _returns_open_response(ref: FunctionRef) -> bool:
    """Whether ``ref`` sends a request and hands its response to the caller with the body
    open: it declares an `*http.Response` first result and takes none (a pass-through such as
    `checkError(resp)` returns what it was given), and every response it gets from a client
    it knows is returned as it came, neither closed, replaced (`resp.Body =
    io.NopCloser(...)` after reading it) nor handed to anything else (a helper that may close
    it). A getter returning a stored response sends nothing."""

    def compute() -> bool:
        if not _declares_response_result(ref) or \
                any(_is_response_type(kind) for _, kind in ref.parameters()):
            return False
        body = ref.node.child_by_field_name("body")
        data = body.text or b"" if body is not None else b""
        if b".Body.Close()" in data or re.search(rb"\.Body\s*=[^=]", data):
            return False
        file = ref.file
        sent = [r for r in response_calls(file) if r.known and
                ref.node.start_byte <= r.call.start_byte < ref.node.end_byte and
                file.enclosing_function(r.call) == ref.node]
        return bool(sent) and all(_handed_back_whole(file, r.call) for r in sent)

    return bool(ref.file.package_view.summary(_RETURNS_OPEN.at(0), ref, compute))


def pass_through(ctx: FileModel, call: Node, argument: Node) -> bool:
    """Whether ``call`` runs a same-package function that hands back the response it is
    given as ``argument`` (`checkResp(resp, err)` returning `resp, nil` on success): its
    result is that response, still open."""
    resolution = ctx.package_view.resolve_call(ctx, call)
    index = argument_index(call, argument)
    if resolution is None or not resolution.certain or index is None or \
            not resolution.targets:
        return False
    return all(_passes_through(ref, index) for ref in resolution.targets)


def _swaps_body(ref: FunctionRef, name: str) -> bool:
    """`resp.Body.Close()` then `resp.Body = &bytesReadCloser{&buf}`: the helper read and
    closed the body and handed back an in-memory one."""
    body = ref.file.source.data[ref.node.start_byte:ref.node.end_byte]
    field = re.escape(name.encode()) + rb"\s*\.\s*Body"
    return re.search(field + rb"\s*\.\s*Close\(\)", body) is not None and \
        re.search(field + rb"\s*=[^=]", body) is not None


def _passes_through(ref: FunctionRef, index: int) -> bool:
    def compute() -> bool:
        parameters = ref.parameters()
        if index >= len(parameters) or not _is_response_type(parameters[index][1]) or \
                not _declares_response_result(ref):
            return False
        name = parameters[index][0]
        if _swaps_body(ref, name):
            return False  # what comes back holds an in-memory copy, not the connection
        for statement in ref.file.find("return_statement"):
            if not ref.node.start_byte <= statement.start_byte < ref.node.end_byte or \
                    ref.file.enclosing_function(statement) != ref.node:
                continue
            values = statement.named_children[0] if statement.named_child_count else None
            first = values.named_children[0] if values is not None and \
                values.type == "expression_list" and values.named_child_count else values
            if first is not None and text(first) == name:
                return True
        return False

    return bool(ref.file.package_view.summary(_PASSES_THROUGH.at(0, index), ref, compute))


def _declares_response_result(ref: FunctionRef) -> bool:
    result = ref.node.child_by_field_name("result")
    if result is not None and result.type == "parameter_list":
        first = result.named_children[0] if result.named_child_count else None
        result = first.child_by_field_name("type") if first is not None else None
    return _is_response_type(result)


def _is_response_type(kind: Node | None) -> bool:
    return kind is not None and text(kind).replace(" ", "") == "*http.Response"


def _assigned_local(file: FileModel, call: Node) -> Definition | None:
    """The local the call's (first) result is assigned to: `resp, err := client.Do(req)`."""
    assigned = assignment_of(call)
    target = assigned[1][0] if assigned is not None and assigned[1] else None
    return file.resolve(target) if target is not None and target.type == "identifier" \
        else None


def _handed_back_whole(file: FileModel, call: Node) -> bool:
    """The response of ``call`` goes back to the caller and nowhere else: returned as the
    call (`return client.Do(req)`), or kept in a variable whose only escape is a return."""
    if directly_returned(call):
        return True
    definition = _assigned_local(file, call)
    if definition is None:
        return False
    returned = False
    for use in file.scopes(call).uses(definition):
        if selected_field(use) is not None:
            continue  # `resp.StatusCode`: read, not handed on
        how = escape_of_use(use, definition)
        if how == "returned":
            returned = True
        elif how == "argument" and _checked_not_closed(file, use):
            continue  # a check that closes it only on some paths (an error status)
        elif how is not None:
            return False  # handed to a helper, stored, sent: someone else may close it
    return returned


def _checked_not_closed(file: FileModel, argument: Node) -> bool:
    """``argument`` goes to a same-package function that does not close it on every path
    (`checkResponse(resp)` closing it on an error status, then returning the error), or to
    one that only reads it."""
    call = call_of_argument(argument)
    if call is None:
        return False
    if only_reads(file, call):
        return True
    resolution = file.package_view.resolve_call(file, call)
    index = argument_index(call, argument)
    if resolution is None or not resolution.certain or index is None:
        return False
    for ref in resolution.targets:
        parameter = parameter_definition(ref, index)
        cfg = ref.file.cfg(ref.node) if parameter is not None else None
        if parameter is None or cfg is None:
            return False
        settles = settling_uses(ref.file, parameter,
                                ref.file.scopes(ref.node).uses(parameter), _MAX_DEPTH)
        if cfg.exit_from_entry_avoiding(settles) is None:
            return False  # closed (or drained) on every path: nothing open comes back
    return True


def head_request(ctx: FileModel, response: ResponseCall) -> bool:
    """A HEAD request, whose response has no body: `Head`, or `client.Do(req)` of a request
    built in the function as `http.NewRequest("HEAD", ...)` (or `http.MethodHead`, or with a
    context)."""
    if response.name.endswith(".Head"):
        return True
    if not response.name.endswith(".Do"):
        return False
    arguments = response.call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    if len(items) != 1 or items[0].type != "identifier":
        return False
    definition = ctx.resolve(items[0])
    if definition is None or any(is_assignment_target(use) and not _same_request(use)
                                 for use in ctx.scopes(items[0]).uses(definition)):
        return False  # `req, _ = http.NewRequest("GET", ...)` later: not the one made here
    statement = definition.statement
    right = statement.child_by_field_name("right") if statement is not None and \
        statement.type in ("short_var_declaration", "assignment_statement") else None
    values = right.named_children if right is not None else []
    call = values[0] if values and values[0].type == "call_expression" else None
    qualified = ctx.package_call(call) if call is not None else None
    if call is None or qualified not in (("net/http", "NewRequest"),
                                         ("net/http", "NewRequestWithContext")):
        return False
    call_arguments = call.child_by_field_name("arguments")
    method_items = [a for a in call_arguments.named_children if a.type != "comment"] \
        if call_arguments is not None else []
    position = 0 if qualified[1] == "NewRequest" else 1
    method = text(method_items[position]) if position < len(method_items) else ""
    return method in ('"HEAD"', "http.MethodHead")


def nil_check(condition: Node, name: str) -> bool | None:
    """For `name != nil` → True (the condition holds when name is set), `name == nil` → False,
    anything else → None."""
    condition = unparen(condition)
    if condition.type != "binary_expression":
        return None
    operator = condition.child_by_field_name("operator")
    left = condition.child_by_field_name("left")
    right = condition.child_by_field_name("right")
    if operator is None or left is None or right is None:
        return None
    sides = {text(unparen(left)), text(unparen(right))}
    if sides != {name, "nil"}:
        return None
    return {"!=": True, "==": False}.get(text(operator))


def without_response(response: str, error: str | None) -> Branch:
    """The branches on which a request's response has no body to close: its error is set
    (``error`` tested against nil, or mentioned in a condition taken), or the response or
    its body is nil."""

    mentions_error = re.compile(rf"\b{re.escape(error)}\b") if error is not None else None

    def impossible(condition: Node, taken: bool) -> bool:
        if error is not None and mentions_error is not None:
            holds_when_set = nil_check(condition, error)
            both = _conjuncts(condition) if taken else []
            if holds_when_set is not None:
                if taken == holds_when_set:
                    return True
            elif any(nil_check(part, error) is True for part in both):
                return True  # `err != nil && retry < 3` taken: the request failed
            elif any(nil_check(part, error) is False for part in both):
                pass  # `err == nil && resp.StatusCode == 503` taken: it succeeded
            elif taken and mentions_error.search(text(condition)):
                # `if isTimeout(err)`, `errors.Is(err, x)`, `err != nil && retry < 3`: the
                # branch is about a failed request.
                return True
        return _without_body(condition, taken, response)

    return impossible


def _conjuncts(condition: Node) -> list[Node]:
    """The operands of a chain of `&&` (`a && b && c` → a, b, c); the condition alone else."""
    condition = unparen(condition)
    operator = condition.child_by_field_name("operator") \
        if condition.type == "binary_expression" else None
    if operator is None or text(operator) != "&&":
        return [condition]
    left = condition.child_by_field_name("left")
    right = condition.child_by_field_name("right")
    return [*(_conjuncts(left) if left is not None else []),
            *(_conjuncts(right) if right is not None else [])]


def _without_body(condition: Node, taken: bool, response: str) -> bool:
    """Whether taking (or not) ``condition`` means there is no body to close: `resp == nil`
    taken, `resp != nil && resp.Body != nil` not taken (either is nil), `!(...)` turned."""
    condition = unparen(condition)
    if condition.type == "unary_expression" and text(condition).startswith("!") and \
            condition.named_child_count:
        return _without_body(condition.named_children[-1], not taken, response)
    if condition.type == "binary_expression":
        operator = condition.child_by_field_name("operator")
        left = condition.child_by_field_name("left")
        right = condition.child_by_field_name("right")
        sides = [side for side in (left, right) if side is not None]
        symbol = text(operator) if operator is not None else ""
        if symbol == "&&" and len(sides) == 2:
            return all(_without_body(side, False, response) for side in sides) \
                if not taken else any(_without_body(side, True, response) for side in sides)
        if symbol == "||" and len(sides) == 2:
            return all(_without_body(side, True, response) for side in sides) \
                if taken else any(_without_body(side, False, response) for side in sides)
    for value in (response, f"{response}.Body"):
        holds_when_set = nil_check(condition, value)
        if holds_when_set is not None and taken != holds_when_set:
            return True  # no response, or no body: nothing to close
    equal = _status_test(condition, response)
    return equal is not None and taken == equal


# Statuses whose response has no body: net/http gives them `http.NoBody` and has put the
# connection back in the pool before the response is returned.
_NO_BODY_STATUSES = frozenset({"204", "304", "http.StatusNoContent", "http.StatusNotModified"})


def _status_test(condition: Node, response: str) -> bool | None:
    """For `resp.StatusCode == http.StatusNoContent` (or 204, 304): True; for `!=`: False
    (the branch not taken is the body-less one); None for any other condition."""
    if condition.type != "binary_expression":
        return None
    operator = condition.child_by_field_name("operator")
    symbol = text(operator) if operator is not None else ""
    sides = {text(side) for side in (condition.child_by_field_name("left"),
                                     condition.child_by_field_name("right")) if side is not None}
    if symbol not in ("==", "!=") or f"{response}.StatusCode" not in sides or \
            not sides & _NO_BODY_STATUSES:
        return None
    return symbol == "=="


_LOCAL_URL = re.compile(r'^["`]https?://(?:\.|localhost|127\.0\.0\.1|\[::1\]|unix)(?:[:/"`]|$)')
# Link-local: 169.254/16 and fe80::/10, and the name cloud hosts give their metadata service.
_LINK_LOCAL_URL = re.compile(r'^["`]https?://(?:\.|localhost|127\.0\.0\.1|\[::1\]|unix|'
                             r'169\.254\.\d{1,3}\.\d{1,3}|\[fe80:[0-9a-fA-F:]*\]|'
                             r'metadata(?:\.google\.internal)?)(?:[:/"`]|$)')


def local_endpoint(call: Node, position: int, file: FileModel | None = None,
                   link_local: bool = False) -> bool:
    """The URL argument is a local endpoint: `"http://localhost:9090/..."`, a loopback
    address, or the placeholder host of a unix-socket client (`"http://." + path`), written
    there or (given the ``file``) held in a constant it starts with (`metadataURL + "/conf"`).
    With ``link_local``, a link-local address too (`169.254.169.254`, the host's own metadata
    service): not remote work, though it may still need a timeout."""
    arguments = call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    if position >= len(items):
        return False
    return _local_url(file, items[position], _LINK_LOCAL_URL if link_local else _LOCAL_URL, 0)


def _local_url(file: FileModel | None, url: Node, pattern: re.Pattern[str], depth: int) -> bool:
    """Whether the URL ``url`` starts with a local host, by every text it can start with
    (semantics.urls: literals, constants, concatenations, formats, locals assigned once,
    the first result of every return of the package function it comes from)."""
    if file is None:
        return url.type in ("interpreted_string_literal", "raw_string_literal") and \
            pattern.match(text(url)) is not None
    prefixes = url_prefixes(file, url, depth)
    return bool(prefixes) and all(pattern.match('"' + p.text + ('"' if p.whole else ''))
                                  for p in prefixes or ())


# Standard functions that read a body without closing it: handing the body to them settles
# nothing.
_READERS = {
    "io": {"ReadAll", "Copy", "CopyN", "CopyBuffer", "ReadFull", "ReadAtLeast", "LimitReader",
           "TeeReader", "MultiReader", "NopCloser"},
    "io/ioutil": {"ReadAll", "NopCloser"},
    "encoding/json": {"NewDecoder"},
    "encoding/xml": {"NewDecoder"},
    "bufio": {"NewReader", "NewReaderSize", "NewScanner"},
    "mime/multipart": {"NewReader"},
    "compress/gzip": {"NewReader"},
}
# Standard functions that read what they are given to its end (or fail): a body read to EOF
# hands its connection back to the transport (HTTP/1) or ends its stream (HTTP/2), and a read
# error closes it, so nothing is left to leak even without Close.
_DRAINERS = frozenset({("io", "ReadAll"), ("io/ioutil", "ReadAll"), ("io", "Copy"),
                       ("io", "CopyBuffer")})
_MAX_DEPTH = 3  # how deep helper summaries follow a response


def _reads_whole(call: Node, body: Node) -> bool:
    """``body`` is what ``call`` reads from: the only argument of ReadAll, the source (second
    argument) of Copy."""
    arguments = call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    position = next((i for i, item in enumerate(items)
                     if item.start_byte <= body.start_byte and body.end_byte <= item.end_byte),
                    None)
    return position == (0 if len(items) == 1 else 1)


def body_closed(use: Node) -> bool:
    """`resp.Body.Close()`."""
    selected = selected_field(use)
    closed = selected_field(selected[1]) if selected is not None else None
    holder = closed[1].parent if closed is not None else None
    return closed is not None and closed[0] == "Close" and holder is not None and \
        holder.type == "call_expression"


def field_name(use: Node) -> str | None:
    selected = selected_field(use)
    return selected[0] if selected is not None else None


def settling_uses(ctx: FileModel, definition: Definition, uses: list[Node],
                   depth: int) -> list[int]:
    """Positions where the response is closed or leaves the function."""
    settled = []
    for use in uses:
        if _in_literal_that_never_runs(use, definition):
            continue
        selected = selected_field(use)
        if selected is not None:
            if selected[0] == "Body" and _body_settled(ctx, selected[1], depth):
                settled.append(use.start_byte)
            continue
        how = escape_of_use(use, definition)
        if how is None:
            continue
        if how == "argument":
            call = call_of_argument(use)
            if call is not None and (only_reads(ctx, call) or
                                     _helper_keeps_open(ctx, call, use, depth) or
                                     _assigned_back(ctx, call, use, definition)):
                continue  # printed, logged, or handed to a helper that neither closes nor keeps it
        settled.append(use.start_byte)
    return settled


def _assigned_back(ctx: FileModel, call: Node, use: Node, definition: Definition) -> bool:
    """`resp, err = checkError(resp)`: a pass-through's result assigned to the variable it
    was handed, which still holds the same open response."""
    assigned = assignment_of(call)
    target = assigned[1][0] if assigned is not None and assigned[1] else None
    return target is not None and target.type == "identifier" and \
        ctx.resolve(target) == definition and pass_through(ctx, call, use)


def _in_literal_that_never_runs(use: Node, definition: Definition) -> bool:
    """``use`` sits in a function literal (inside the definition's function) that is assigned
    to `_`: what it does never happens."""
    node = use.parent
    while node is not None and node != definition.function:
        if node.type == "func_literal" and never_runs(node):
            return True
        node = node.parent
    return False


def _body_settled(ctx: FileModel, body: Node, depth: int) -> bool:
    """Whether this use of `resp.Body` closes it or hands it on."""
    selected = selected_field(body)
    if selected is not None:
        holder = selected[1].parent
        return selected[0] == "Close" and holder is not None and \
            holder.type == "call_expression"
    parent = body.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None:
        return False
    if parent.type == "argument_list":
        call = parent.parent
        if call is None or call.type != "call_expression" or only_reads(ctx, call):
            return False
        if wraps_closing(ctx, call):
            return not result_dropped(call)  # closed through the wrapper, if it is kept
        package = ctx.package_call(call)
        if package is not None:
            if package in _DRAINERS and _reads_whole(call, body):
                return True  # read to EOF: the transport takes the connection back
            return package[1] not in _READERS.get(package[0], ())
        return not _helper_keeps_open(ctx, call, body, depth)
    # Kept in a variable or field (an io.Closer), returned, stored, sent: handled elsewhere.
    return parent.type in ("expression_list", "return_statement", "keyed_element",
                           "literal_element", "send_statement", "assignment_statement",
                           "short_var_declaration", "var_spec")


def _helper_keeps_open(ctx: FileModel, call: Node, argument: Node, depth: int) -> bool:
    """Whether ``call`` runs a same-package function that provably neither closes what it is
    handed nor keeps it."""
    index = argument_index(call, argument)
    function = call.child_by_field_name("function")
    if function is not None and unparen(function).type == "func_literal" and index is not None:
        literal = FunctionRef(ctx, unparen(function), "func", None)  # called where it stands
        return _closes_parameter(literal, index, depth + 1) is False
    resolution = ctx.package_view.resolve_call(ctx, call)
    if resolution is None or not resolution.certain or index is None:
        return False
    return all(_closes_parameter(ref, index, depth + 1) is False for ref in resolution.targets)


def _closes_parameter(ref: FunctionRef, index: int, depth: int) -> bool | None:
    """Summary: does the function close (or keep) the response or body it is handed?"""

    def compute() -> bool | None:
        definition = parameter_definition(ref, index)
        if definition is None or depth > _MAX_DEPTH:
            return None
        file = ref.file
        uses = file.scopes(ref.node).uses(definition)
        if any(field_name(u) == "Close" and _is_call(u) for u in uses):
            return True  # handed the body itself, and closes it
        settled = settling_uses(file, definition, uses, depth)
        return bool(settled)

    view = ref.file.package_view
    return view.summary(_CLOSES_RESPONSE.at(depth, index), ref, compute)


def _is_call(use: Node) -> bool:
    selected = selected_field(use)
    holder = selected[1].parent if selected is not None else None
    return holder is not None and holder.type == "call_expression"


def assigned_name(literal: Node) -> str | None:
    """The variable or field a literal is kept in: `c := &T{}`, `s.c = &T{}`, `c: &T{}`."""
    node = literal
    parent = node.parent
    while parent is not None and parent.type in ("unary_expression", "parenthesized_expression",
                                                 "literal_element"):
        node, parent = parent, parent.parent
    if parent is None:
        return None
    if parent.type == "keyed_element":
        key = parent.named_children[0] if parent.named_child_count else None
        return text(key).strip() if key is not None and key != node else None
    if parent.type == "expression_list":
        statement = parent.parent
        if statement is None:
            return None
        left = statement.child_by_field_name("left")
        names = left.named_children if left is not None else \
            statement.children_by_field_name("name")
        values = parent.named_children
        if node in values and len(names) == len(values):
            return text(names[values.index(node)]).rsplit(".", 1)[-1]
    return None


def set_later(ctx: FileModel, literal: Node, fields: tuple[str, ...]) -> bool:
    """Whether code assigns one of ``fields`` on the value the literal is kept under
    (`c.Timeout = ...`, `s.srv.ReadHeaderTimeout = ...`): its own function for a local (no
    other function can name it), the package for a field or a package variable."""
    name = assigned_name(literal)
    if name is None:
        return False
    pattern = re.compile(rb"\b" + re.escape(name.encode()) + rb"\s*\.\s*(?:" +
                         b"|".join(f.encode() for f in fields) + rb")\s*=[^=]|\*\s*" +
                         re.escape(name.encode()) + rb"\s*=[^=]")
    holder = _local_holder(ctx, literal)
    if holder is not None:
        return pattern.search(holder.text or b"") is not None
    return any(pattern.search(data) for data in ctx.package_view.texts())


def _local_holder(ctx: FileModel, literal: Node) -> Node | None:
    """The function whose local keeps ``literal`` (`c := &http.Client{}`, `var c = ...`)."""
    statement = _local_statement(literal)
    return ctx.enclosing_function(statement) if statement is not None else None


def _local_statement(literal: Node) -> Node | None:
    """The `:=` or `var` statement that keeps ``literal`` (or `&literal`) in a local."""
    statement = _holding_statement(literal)
    if statement is None or statement.type not in ("short_var_declaration", "var_spec"):
        return None
    return statement


def _written(literal: Node) -> Node:
    """The expression ``literal`` is written as: itself, `&literal`, `(literal)`."""
    node = literal
    while node.parent is not None and node.parent.type in ("unary_expression",
                                                           "parenthesized_expression"):
        node = node.parent
    return node


def _holding_statement(literal: Node) -> Node | None:
    """The statement whose values list holds ``literal`` (`c := &T{}`, `c = &T{}`,
    `return &T{}`, `var c = T{}`)."""
    holder = _written(literal).parent
    return holder.parent if holder is not None and holder.type == "expression_list" else None


def http_literals(ctx: FileModel, type_name: str) -> list[Node]:
    """`http.<type_name>{...}` composite literals of the file."""
    if f"{type_name}{{".encode() not in ctx.source.data:
        return []
    return [literal for literal in ctx.find("composite_literal")
            if ctx.is_qualified(literal.child_by_field_name("type"), HTTP, type_name)]


# Transport fields that can stop a peer that accepts the connection and never answers: the
# response-header deadline, or a dialer of the program's own (which may set connection
# deadlines). TLS settings, a proxy, idle and pool limits stop nothing.
_TRANSPORT_BOUNDS = frozenset({"ResponseHeaderTimeout", "DialContext", "Dial", "DialTLS",
                               "DialTLSContext"})


def transport_bounds_requests(ctx: FileModel, literal: Node) -> bool:
    """Whether the `Transport` a client literal is given may bound a stalled peer: any
    transport but an `http.Transport{...}` literal written in place with none of the fields
    that can (`Transport: &http.Transport{TLSClientConfig: cfg}` bounds nothing)."""
    value = keyed_value(literal, "Transport")
    node = unparen(value) if value is not None else None
    while node is not None and node.type == "unary_expression" and node.named_child_count:
        node = unparen(node.named_children[-1])
    if node is None or node.type != "composite_literal" or \
            not ctx.is_qualified(node.child_by_field_name("type"), HTTP, "Transport"):
        return value is not None
    return bool(literal_keys(node) & _TRANSPORT_BOUNDS)


def literal_keys(literal: Node) -> set[str]:
    body = literal.child_by_field_name("body")
    keys = set()
    for element in body.named_children if body is not None else ():
        if element.type == "keyed_element" and element.named_child_count:
            keys.add(text(element.named_children[0]).strip())
    return keys


@dataclass(frozen=True)
class UntimedServer:
    node: Node
    call: str | None  # `http.ListenAndServe` and the like; None for an http.Server literal


def _listens_on_local_addr(ctx: FileModel, literal: Node) -> bool:
    """An `http.Server{Addr: ...}` on a loopback address that it listens on itself: its
    `Addr` is local, never set again, and it is not handed a listener (`srv.Serve(ln)`
    ignores `Addr`)."""
    address = keyed_value(literal, "Addr")
    name = assigned_name(literal)
    if address is None or name is None or not local_address_node(ctx, address) or \
            set_later(ctx, literal, ("Addr",)):
        return False
    serves = re.compile(rb"\b" + re.escape(name.encode()) + rb"\s*\.\s*Serve(?:TLS)?\(")
    function = ctx.enclosing_function(literal)
    if function is not None and literal.parent is not None and \
            ctx.inside(literal, "short_var_declaration") is not None:
        return not serves.search(function.text or b"")  # a local: its own function
    return not any(serves.search(data) for data in ctx.package_view.texts())


def untimed_servers(ctx: FileModel) -> list[UntimedServer]:
    """HTTP servers of the file without a read timeout: `http.ListenAndServe[TLS]` and
    `http.Serve[TLS]` (except on a loopback address, written in the call or the default of
    the flag it comes from, or a unix socket or loopback listener made in the same
    function), and `http.Server{}` literals with neither `ReadHeaderTimeout` nor
    `ReadTimeout`, unless the package sets one on the variable or field that keeps it, or
    their `Addr` is such a loopback address."""
    found = []
    for call, name in ctx.calls_to(HTTP, {"ListenAndServe", "ListenAndServeTLS", "Serve",
                                          "ServeTLS"}):
        if name.startswith("ListenAndServe") and local_address(ctx, call) or \
                name.startswith("Serve") and local_listener(ctx, call):
            continue
        found.append(UntimedServer(call, f"http.{name}"))
    for literal in http_literals(ctx, "Server"):
        if literal_keys(literal) & {"ReadHeaderTimeout", "ReadTimeout"} or \
                set_later(ctx, literal, ("ReadHeaderTimeout", "ReadTimeout")):
            continue
        if _listens_on_local_addr(ctx, literal):
            continue  # `Addr: "localhost:6060"`, or a local default
        found.append(UntimedServer(literal, None))
    found.sort(key=lambda s: s.node.start_byte)
    return found



# Constructors of other modules whose client has no overall timeout.
_UNBOUNDED_CONSTRUCTORS = {
    "github.com/hashicorp/go-cleanhttp": frozenset({"DefaultClient", "DefaultPooledClient"}),
}
_CLIENT_DEPTH = 4  # steps followed back from a client: callers, fields, variables
_FIELD_CLIENT: Fact[bool | None] = Fact("a client field's timeout")
_PACKAGE_CLIENT: Fact[bool | None] = Fact("a package client variable's timeout")
_PASSED_CLIENTS: Summary[bool | None] = Summary("timeout of the clients callers pass")


def client_timeout(ctx: FileModel, operand: Node, depth: int = 0) -> bool | None:
    """Whether the client ``operand`` has a timeout: True when something bounds it (its
    `Timeout`, or a transport setting a response-header timeout), False when it is known to
    have none (`http.DefaultClient`, an `http.Client` literal setting none, go-cleanhttp's clients),
    None when its make is unknown. A local follows its initial value, a parameter the
    arguments of every production caller, and a struct field the values the package gives it
    (in literals and assignments), those handed in by a setter's caller left to that caller."""
    operand = unparen(operand)
    while operand.type == "unary_expression" and text(operand).startswith("&"):
        operand = unparen(operand.named_children[-1])
    if ctx.is_qualified(operand, HTTP, "DefaultClient") or \
            ctx.is_qualified(operand, HTTP, "DefaultTransport"):
        return False
    if operand.type == "composite_literal":
        kind = operand.child_by_field_name("type")
        if ctx.is_qualified(kind, HTTP, "Transport"):
            return _transport_bounds(ctx, operand)
        if not ctx.is_qualified(kind, HTTP, "Client"):
            return None
        transport = keyed_value(operand, "Transport")
        if keyed_value(operand, "Timeout") is not None:
            return True
        return _transport_bounds(ctx, transport) if transport is not None else False
    if operand.type == "call_expression":
        qualified = ctx.package_call(operand)
        if qualified is not None and qualified[1] in _UNBOUNDED_CONSTRUCTORS.get(qualified[0], ()):
            return False
        return None
    if operand.type == "selector_expression":
        field = operand.child_by_field_name("field")
        owner = operand.child_by_field_name("operand")
        owner_type = ctx.package_view.type_of(ctx, owner) if owner is not None else None
        return _given_timeout(ctx, text(field), _FIELD_CLIENT, depth, owner_type) \
            if field is not None and depth < _CLIENT_DEPTH else None
    if operand.type != "identifier":
        return None
    definition = ctx.resolve(operand)
    if definition is None:
        return _given_timeout(ctx, text(operand), _PACKAGE_CLIENT, depth) \
            if depth < _CLIENT_DEPTH else None  # a package variable: the values it is given
    if any(is_assignment_target(use) for use in ctx.scopes(operand).uses(definition)):
        return None
    if definition.kind == "param":
        return _passed_clients_timeout(ctx, definition, depth)
    value = initial_value(definition)
    if value is not None and set_later(ctx, value, ("Timeout",)):
        return True  # `c := cleanhttp.DefaultClient(); c.Timeout = d`
    return client_timeout(ctx, value, depth) if value is not None else None


def _transport_bounds(ctx: FileModel, transport: Node) -> bool | None:
    """Whether a transport bounds a stalled peer: one setting `ResponseHeaderTimeout`, written
    there or in the local it is held in (dial and handshake timeouts end only a peer that never
    accepts). Unknown (None) when the caller supplies it, a parameter of a function no
    production code of the module calls (`FetchMetricFamilies(url, ch, transport)`), or when
    it dials through a dialer of the code's own (`Dial: DeadlineConnDialer(...)`, which may
    set deadlines on every read)."""
    transport = unparen(transport)
    if transport.type == "identifier":
        definition = ctx.resolve(transport)
        if definition is not None and definition.kind == "param" and \
                not _called_in_production(ctx, definition.function):
            return None
        value = initial_value(definition) if definition is not None else None
        transport = value if value is not None else transport
    if b"ResponseHeaderTimeout" in (transport.text or b""):
        return True
    literal = unparen(transport)
    while literal.type == "unary_expression" and text(literal).startswith("&"):
        literal = unparen(literal.named_children[-1])
    if literal.type == "composite_literal" and any(
            _own_dialer(ctx, dial) for field in ("Dial", "DialContext", "DialTLS", "DialTLSContext")
            if (dial := keyed_value(literal, field)) is not None):
        return None
    return False


def _called_in_production(ctx: FileModel, function: Node | None) -> bool:
    ref = ctx.package_view.function_at(ctx, function) if function is not None else None
    return ref is None or any(not file.is_test for file, _ in callers_anywhere(ref))


_SET_DEADLINE = frozenset({"SetDeadline", "SetReadDeadline"})


def _own_dialer(ctx: FileModel, dial: Node) -> bool:
    """A dial made by a function of the code's own (`DeadlineConnDialer(5*time.Second, ...)`),
    or a literal that sets deadlines on the connection; not `net.Dial`, a `net.Dialer`'s
    method, or a literal that only calls those."""
    dial = unparen(dial)
    if dial.type == "func_literal":
        return any(call_callee(call)[1] in _SET_DEADLINE
                   for call in descendants(dial, frozenset({"call_expression"})))
    if dial.type != "call_expression":
        return False
    resolution = ctx.package_view.resolve_call(ctx, dial)
    return resolution is not None and bool(resolution.targets)


def _keyed_field(literal: Node) -> tuple[str, Node] | None:
    """(field name, holding literal) when ``literal`` is a keyed value of a struct literal."""
    node = literal
    while node.parent is not None and node.parent.type in ("unary_expression",
                                                           "parenthesized_expression",
                                                           "literal_element"):
        node = node.parent
    element = node.parent
    if element is None or element.type != "keyed_element" or element.named_child_count != 2:
        return None
    body = element.parent
    holder = body.parent if body is not None else None
    return (text(element.named_children[0]).strip(), holder) if holder is not None else None


def stored_unused(ctx: FileModel, literal: Node) -> bool:
    """A client literal given to a field (`httpClient: &http.Client{}`) that no code of the
    package (or, exported, of the module) ever reads: nothing is sent through it."""
    keyed = _keyed_field(literal)
    if keyed is None:
        return False
    for _, node in _references_in_module(ctx.package_view, keyed[0], True):
        parent = node.parent
        if parent is not None and parent.type == "selector_expression" and \
                parent.child_by_field_name("field") == node and not is_assignment_target(parent):
            return False  # `c.httpClient.Do(req)`: read
    return True


def placeholder_replaced(ctx: FileModel, literal: Node) -> bool:
    """An `http.Client` literal given to a struct field (`HTTPClient: &http.Client{}` in a
    constructor) that the module's code also fills with a client that has a timeout
    (`client.HTTPClient = config.HTTPClient` in the package that builds it): a default
    its users replace, bounded where it is used."""
    keyed = _keyed_field(literal)
    if keyed is None:
        return False
    owner = ctx.package_view.type_of(ctx, keyed[1])
    return _given_timeout(ctx, keyed[0], _FIELD_CLIENT, 0, owner) is True


def sends_uncancellable_request(ctx: FileModel, literal: Node) -> bool:
    """The client sends, in its own function, a request built there with
    `http.NewRequest` that never gets a context (`(&http.Client{}).Do(req)`, or
    `c := &http.Client{}; c.Do(req)`): whatever other requests of the package carry, nothing
    bounds this one."""
    function = ctx.enclosing_function(literal)
    if function is None:
        return False
    node = _written(literal)
    name = assigned_name(literal) if _local_statement(literal) is not None else None
    return any(function.start_byte <= call.start_byte < function.end_byte and
               (unparen(operand) == unparen(node) or text(operand) == name) and
               sends_request_without_context(ctx, call)
               for call, operand in ctx.method_calls("Do"))


def sends_request_without_context(ctx: FileModel, call: Node) -> bool:
    """`client.Do(req)` where `req, err := http.NewRequest(...)` in the same function and
    nothing gives the request a context before it is sent (summaries.request_gets_context):
    no deadline of a caller bounds it."""
    arguments = call.child_by_field_name("arguments")
    request = arguments.named_children[0] if arguments is not None and \
        arguments.named_child_count else None
    definition = ctx.resolve(request) if request is not None and \
        request.type == "identifier" else None
    producer = only_value(ctx, request, definition) if request is not None and \
        definition is not None else None
    return producer is not None and producer.type == "call_expression" and \
        ctx.package_call(producer) == (HTTP, "NewRequest") and \
        not request_gets_context(ctx, producer)


def handed_to_context_senders(ctx: FileModel, literal: Node) -> bool:
    """The client is kept under a name (a field, or a local of its function) that no code of
    its own package sends through, and every use of that name hands it to a function of
    another package of the module that builds its requests with a context (spire's
    `httpchallenge.VerifyChallenge(timeoutCtx, p.client, ...)`): the caller's deadline
    bounds those requests, as in a package that builds its own so. Any other use (returned,
    stored, handed to a function of its own package or out of the module) is unknown: no."""
    name = assigned_name(literal)
    module = ctx.package_view.module
    if name is None or module is None:
        return False
    holder = _local_holder(ctx, literal)
    sends = re.compile(rb"\b" + re.escape(name.encode()) +
                       rb"\s*\.\s*(?:Do|Get|Head|Post|PostForm)\s*\(")
    texts = [holder.text or b""] if holder is not None else ctx.package_view.texts()
    if any(sends.search(data) for data in texts):
        return False
    keyed = _keyed_field(literal)
    owner = ctx.package_view.type_of(ctx, keyed[1]) if keyed is not None else None
    handed = 0
    for file, node in ctx.package_view.references(name):
        if file.is_test or (holder is None and node.type != "field_identifier") or (
                holder is not None and (file is not ctx or
                                        not holder.start_byte <= node.start_byte <
                                        holder.end_byte)):
            continue  # a field is named as one (`p.client`); a local only in its function
        use = node.parent if node.type == "field_identifier" and node.parent is not None and \
            node.parent.type == "selector_expression" else node
        if use is node and node.type == "field_identifier" or \
                use.parent is not None and use.parent.type in ("keyed_element",
                                                               "field_declaration") or \
                is_assignment_target(use) or (use.parent is not None and
                                              use.parent.type == "selector_expression"):
            continue  # declared, given its value, or configured (`p.client.CheckRedirect`)
        operand = use.child_by_field_name("operand") if use is not node else None
        if owner is not None and operand is not None and \
                file.package_view.type_of(file, operand) not in (owner, None):
            continue  # the same field name on another type
        call = call_of_argument(use)
        qualified = file.package_call(call) if call is not None else None
        other = module.package(qualified[0]) if qualified is not None and \
            module.own(qualified[0]) else None
        if other is None or not requests_carry_contexts(other):
            return False
        handed += 1
    return handed > 0


def default_for_absent_client(ctx: FileModel, literal: Node) -> bool:
    """An `http.Client` literal that stands in for a client parameter the caller left out
    (`if client == nil { client = &http.Client{} }`, or `return &http.Client{}` after the
    `opts ...*http.Client` given are tried), when every production caller in the module
    gives a client (a `nil` handed through a parameter is followed up): the default never
    runs. Callers out of view (an exported API nobody in the module calls) are unknown, and
    the default stays that function's finding."""
    function = ctx.enclosing_function(literal)
    ref = ctx.package_view.function_at(ctx, function) if function is not None and \
        function.type in ("function_declaration", "method_declaration") else None
    parameter = _absent_client_parameter(literal, ref) if ref is not None else None
    return ref is not None and parameter is not None and \
        not _left_out_somewhere(ref, *parameter, 0)


def _left_out_somewhere(ref: FunctionRef, index: int, variadic: bool, depth: int) -> bool:
    """Some production caller of ``ref`` passes `nil` as argument ``index`` (or no argument
    to a variadic one), or hands on a parameter of its own that some caller leaves out; with
    no production caller in view, or past the depth followed, it may."""
    callers = [(f, call) for f, call in callers_anywhere(ref) if not f.is_test] \
        if depth < _CLIENT_DEPTH else []
    for caller_file, call in callers:
        arguments = call.child_by_field_name("arguments")
        items = [a for a in arguments.named_children if a.type != "comment"] \
            if arguments is not None else []
        if index >= len(items):
            if variadic:
                return True
            continue
        argument = unparen(items[index])
        if text(argument) == "nil":
            return True
        definition = caller_file.resolve(argument) if argument.type == "identifier" else None
        if definition is None or definition.kind != "param":
            continue
        caller = caller_file.package_view.function_at(caller_file, definition.function)
        names = [name for name, _ in caller.parameters()] if caller is not None else []
        if caller is None or definition.name not in names or \
                _left_out_somewhere(caller, names.index(definition.name), False, depth + 1):
            return True
    return not callers


def _absent_client_parameter(literal: Node, ref: FunctionRef) -> tuple[int, bool] | None:
    """(index, variadic) of the client parameter ``literal`` is the default for: assigned to
    it under `if p == nil`, or returned by a function taking `...*http.Client`."""
    parameters = ref.parameters()
    statement = _holding_statement(literal)
    if statement is not None and statement.type == "assignment_statement":
        left = statement.child_by_field_name("left")
        name = text(left) if left is not None and left.named_child_count == 1 else ""
        names = [n for n, _ in parameters]
        guard = next((a for a in ancestors(statement) if a.type == "if_statement"), None)
        condition = guard.child_by_field_name("condition") if guard is not None else None
        then = guard.child_by_field_name("consequence") if guard is not None else None
        if name in names and condition is not None and then is not None and \
                then.start_byte <= statement.start_byte < then.end_byte and \
                re.fullmatch(rf"{re.escape(name)}\s*==\s*nil", text(condition)):
            return names.index(name), False
    if statement is not None and statement.type == "return_statement" and parameters:
        declaration = parameters[-1][1]
        variadic = declaration is not None and declaration.parent is not None and \
            declaration.parent.type == "variadic_parameter_declaration"
        if variadic and declaration is not None and \
                re.fullmatch(r"\*\s*\w+\.Client", text(declaration)):
            return len(parameters) - 1, True
    return None


def _combine(answers: list[bool | None]) -> bool | None:
    """Bounded when any value is, unbounded when every one is known to be, else unknown."""
    if any(a is True for a in answers):
        return True
    return False if answers and all(a is False for a in answers) else None


def _passed_clients_timeout(ctx: FileModel, parameter: Definition, depth: int) -> bool | None:
    """The timeout of the clients every production caller (in the module) passes."""
    view = ctx.package_view
    ref = view.function_at(ctx, parameter.function) if depth < _CLIENT_DEPTH else None
    names = [name for name, _ in ref.parameters()] if ref is not None else []
    if ref is None or parameter.name not in names:
        return None
    index = names.index(parameter.name)

    def compute() -> bool | None:
        answers: list[bool | None] = []
        for caller_file, call in callers_anywhere(ref):
            if caller_file.is_test:
                continue
            arguments = call.child_by_field_name("arguments")
            items = [a for a in arguments.named_children if a.type != "comment"] \
                if arguments is not None else []
            if index >= len(items):
                answers.append(None)
                continue
            answer = client_timeout(caller_file, items[index], depth + 1)
            if answer is not None or not _parameter(caller_file, items[index]):
                answers.append(answer)  # else a parameter whose callers are out of sight
        return _combine(answers)

    return view.summary(_PASSED_CLIENTS.at(depth, index), ref, compute)


def _references_in_module(view: PackageView, name: str,
                          field: bool) -> Iterator[tuple[FileModel, Node]]:
    """The package's references to ``name``; for an exported field, also those of the
    module's packages that import it (`client.HTTPClient = config.HTTPClient` in the
    provider package that builds an internal package's client)."""
    yield from view.references(name)
    module = view.module
    import_path = module.import_path(view) if module is not None else None
    if not field or not name[:1].isupper() or module is None or import_path is None:
        return
    for directory in module.importers(import_path):
        other = module.package_in(directory)
        if other is not view:
            yield from other.references(name)


def _may_hold(view: PackageView, owner: str | None, file: FileModel, holder: Node) -> bool:
    """Whether ``holder`` (a literal, or the operand of `x.F = v`) may be a value of the
    struct type ``owner`` of ``view``'s package: its type is unknown, or it is that type
    (named `T{...}` there, `pkg.T{...}` in an importing package)."""
    own = file.package_view
    if own is view:
        held = view.type_of(file, holder)
        return held is None or owner is None or held == owner
    if own.type_of(file, holder) is not None:
        return False  # a type of the importing package itself
    module = view.module
    mine = module.import_path(view) if module is not None else None
    made = _made_by(file, holder)
    if made is not None:
        return made[0] == mine and (owner is None or made[1] == owner)
    literal = unparen(holder)
    while literal.type == "unary_expression" and literal.named_child_count:
        literal = unparen(literal.named_children[-1])
    if literal.type != "composite_literal":
        return True
    kind = literal.child_by_field_name("type")
    package = kind.child_by_field_name("package") if kind is not None and \
        kind.type == "qualified_type" else None
    name = kind.child_by_field_name("name") if kind is not None and \
        kind.type == "qualified_type" else None
    return package is not None and name is not None and mine is not None and \
        file.imports.path_of(text(package)) == mine and (owner is None or text(name) == owner)


def _made_by(file: FileModel, holder: Node) -> tuple[str, str] | None:
    """The type a local holds when another package's constructor made it."""
    holder = unparen(holder)
    definition = file.resolve(holder) if holder.type == "identifier" else None
    value = initial_value(definition) if definition is not None else None
    if value is None and definition is not None and \
            definition.statement.type == "short_var_declaration":
        right = definition.statement.child_by_field_name("right")
        value = right.named_children[0] if right is not None and right.named_child_count \
            else None
    return result_type(file, unparen(value)) if value is not None and \
        unparen(value).type == "call_expression" else None


def _parameter(file: FileModel, value: Node) -> bool:
    value = unparen(value)
    definition = file.resolve(value) if value.type == "identifier" else None
    return definition is not None and definition.kind == "param"


def _given_timeout(ctx: FileModel, name: str, key: Fact[bool | None], depth: int,
                   owner: str | None = None) -> bool | None:
    """The timeout of the clients (or transports) the package's production code puts in
    fields named ``name`` (`Client: &http.Client{...}` in a constructor, `p.client = c`) of
    the struct type ``owner`` when it is known (fields of other types known to differ are
    not this one), or, for a package variable, in the variable itself (`var Client = ...`,
    `Client = ...` in `init`)."""
    field = key == _FIELD_CLIENT
    view = ctx.package_view

    def compute() -> bool | None:
        answers: list[bool | None] = []
        for file, node in _references_in_module(view, name, field):
            if file.is_test or (not field and file.resolve(node) is not None):
                continue
            given = _given_to_field(node) if field else (_given_to_variable(node), None)
            value, holder = given if given is not None else (None, None)
            if value is None:
                continue
            if holder is not None and not _may_hold(view, owner, file, holder):
                continue  # the field of another struct type
            value = unparen(value)
            named = value.child_by_field_name("field") if value.type == \
                "selector_expression" else None
            if named is not None and text(named) == name and file.package_view is view:
                continue  # copied from another value's field of the name: no new make
            answer = client_timeout(file, value, depth + 1)
            if answer is None and _parameter(file, value):
                continue  # a setter's argument from callers out of sight: their choice
            answers.append(answer)
        return _combine(answers)

    return view.fact(key.about(f"{owner}.{name} at depth {depth}"), compute)


def _given_to_variable(name: Node) -> Node | None:
    """The value `var name = v` or `name = v` gives the package variable ``name``."""
    parent = name.parent
    if parent is not None and parent.type == "var_spec":
        names = parent.children_by_field_name("name")
        values = parent.child_by_field_name("value")
        items = values.named_children if values is not None else []
        return items[names.index(name)] if name in names and len(items) == len(names) \
            else None
    if parent is None or parent.type != "expression_list":
        return None
    statement = parent.parent
    if statement is None or statement.type != "assignment_statement" or \
            statement.child_by_field_name("left") != parent:
        return None
    values = statement.child_by_field_name("right")
    items = values.named_children if values is not None else []
    position = parent.named_children.index(name)
    return items[position] if len(items) == parent.named_child_count else None


def _given_to_field(name: Node) -> tuple[Node, Node] | None:
    """The value a keyed literal element (`Client: v`) or an assignment (`x.Client = v`)
    gives the field ``name`` names there, and what holds the field (the literal, or `x`)."""
    parent = name.parent
    if parent is not None and parent.type == "literal_element":
        element = parent.parent
        body = element.parent if element is not None else None
        literal = body.parent if body is not None else None
        if element is not None and literal is not None and element.type == "keyed_element" \
                and element.named_children[0] == parent and element.named_child_count == 2:
            value = element.named_children[1]
            value = value.named_children[0] if value.type == "literal_element" and \
                value.named_child_count else value
            return value, literal
        return None
    if parent is None or parent.type != "selector_expression" or \
            parent.child_by_field_name("field") != name:
        return None
    targets = parent.parent
    statement = targets.parent if targets is not None else None
    holder = parent.child_by_field_name("operand")
    if targets is None or statement is None or holder is None or \
            targets.type != "expression_list" or \
            statement.type != "assignment_statement" or \
            statement.child_by_field_name("left") != targets:
        return None
    values = statement.child_by_field_name("right")
    items = values.named_children if values is not None else []
    position = targets.named_children.index(parent) if parent in targets.named_children else -1
    return (items[position], holder) if len(items) == targets.named_child_count and \
        position >= 0 else None


def sent_without_timeout(ctx: FileModel, call: Node, depth: int = 0) -> bool:
    """Whether the request of ``call`` goes out through a client known to have no timeout:
    `http.Get(...)` (the default client), `c.Get(...)`/`c.Do(req)` of such a client, or an
    `http.NewRequest` whose request the function (or a helper of the package it is handed
    to) sends with one."""
    qualified = ctx.package_call(call)
    if qualified is not None and qualified[0] == HTTP and qualified[1] in PACKAGE_SENDERS:
        return True
    function = call.child_by_field_name("function")
    if qualified is None and function is not None and function.type == "selector_expression":
        operand = function.child_by_field_name("operand")
        return operand is not None and client_timeout(ctx, operand) is False
    if qualified != (HTTP, "NewRequest"):
        return False
    return _built_request_sent_unbounded(ctx, call, depth)


def _built_request_sent_unbounded(ctx: FileModel, call: Node, depth: int) -> bool:
    """The request ``call`` builds is sent without a timeout: by the function it is made in
    (or a helper it is handed to), or, returned by a builder, by the builder's callers."""
    if directly_returned(call):
        return _callers_send_unbounded(ctx, call, depth)
    definition = _assigned_local(ctx, call)
    if definition is None:
        return False
    if _request_sent_unbounded(ctx, definition, depth):
        return True
    returned = any(escape_of_use(use, definition) == "returned"
                   for use in ctx.scopes(call).uses(definition))
    return returned and _callers_send_unbounded(ctx, call, depth)


def _callers_send_unbounded(ctx: FileModel, node: Node, depth: int) -> bool:
    function = ctx.enclosing_function(node)
    view = ctx.package_view
    ref = view.function_at(ctx, function) if function is not None and \
        depth < _CLIENT_DEPTH else None
    return ref is not None and any(
        not caller_file.is_test and _built_request_sent_unbounded(caller_file, call, depth + 1)
        for caller_file, call in view.callers(ref))


def _request_sent_unbounded(ctx: FileModel, request: Definition, depth: int) -> bool:
    for use in ctx.scopes(request.node).uses(request):
        sender = call_of_argument(use)
        sent = sender.child_by_field_name("function") if sender is not None else None
        if sender is None or sent is None:
            continue
        if sent.type == "selector_expression" and \
                text(sent.child_by_field_name("field") or sent) in ("Do", "RoundTrip"):
            operand = sent.child_by_field_name("operand")
            if operand is not None and client_timeout(ctx, operand) is False:
                return True
        if depth >= _CLIENT_DEPTH:
            continue
        resolution = ctx.package_view.resolve_call(ctx, sender)
        index = argument_index(sender, use)
        if resolution is None or not resolution.certain or index is None:
            continue
        for ref in resolution.targets:
            parameter = parameter_definition(ref, index)
            if parameter is not None and _request_sent_unbounded(ref.file, parameter, depth + 1):
                return True
    return False


# Client methods that take the URL as their first argument, and the request constructors with
# the URL's position.
_URL_FIRST = frozenset({"Get", "Head", "Post", "PostForm"})
_REQUEST_URL = {"NewRequest": 1, "NewRequestWithContext": 2}


def sends_only_to_local(file: FileModel, literal: Node, link_local: bool = False) -> bool:
    """A client literal kept in a local (`client := http.Client{}`) whose every use sends one
    request to a local endpoint (with ``link_local``, a link-local one too: the host's own
    metadata service), through parameters and config fields whose every value is one. Any
    other use (handed on, stored, returned) is unknown: no."""
    statement = _local_statement(literal)
    if statement is None:
        return False
    left = statement.child_by_field_name("left")
    names = left.named_children if left is not None else statement.children_by_field_name("name")
    if len(names) != 1 or names[0].type != "identifier":
        return False
    definition = file.resolve(names[0])
    uses = [u for u in file.scopes(names[0]).uses(definition) if u != names[0]] \
        if definition is not None else []
    return bool(uses) and all(_sends_to_local(file, use, link_local) for use in uses)


def _sends_to_local(file: FileModel, use: Node, link_local: bool) -> bool:
    selector = use.parent
    call = selector.parent if selector is not None else None
    if selector is None or call is None or selector.type != "selector_expression" or \
            selector.child_by_field_name("operand") != use or call.type != "call_expression":
        return False
    method = text(selector.child_by_field_name("field") or selector)
    if method in _URL_FIRST:
        return local_endpoint(call, 0, file, link_local)
    return method == "Do" and request_to_local(file, call, link_local)


def request_to_local(file: FileModel, do_call: Node, link_local: bool = False) -> bool:
    """`client.Do(req)` where `req` is made once by `http.NewRequest` (or WithContext) with a
    local URL (with ``link_local``, or a link-local one)."""
    arguments = do_call.child_by_field_name("arguments")
    request = arguments.named_children[0] if arguments is not None and \
        arguments.named_child_count == 1 else None
    if request is None or request.type != "identifier":
        return False
    definition = file.resolve(request)
    made = only_value(file, request, definition) if definition is not None else None
    qualified = file.package_call(made) if made is not None and \
        made.type == "call_expression" else None
    if made is None or qualified is None or qualified[0] != HTTP or \
            qualified[1] not in _REQUEST_URL:
        return False
    name = qualified[1]
    return local_endpoint(made, _REQUEST_URL[name], file, link_local)
