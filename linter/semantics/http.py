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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.cfg import Branch
from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.package import FunctionRef, PackageView
from leakgate.semantics.scope import Definition
from leakgate.semantics.summaries import argument_index, call_of_argument, parameter_definition
from leakgate.semantics.syntax import (
    is_assignment_target,
    selected_field,
    text,
    unparen,
)
from leakgate.semantics.types import local_has_type
from leakgate.semantics.values import keyed_value, string_values

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

_DECLARES_CLIENTS: Fact[bool] = Fact("declares http clients")
_RESPONSE_CALLS: Fact[list[ResponseCall]] = Fact("calls that return a response")
_CARRIES_CONTEXTS: Fact[bool] = Fact("requests carry contexts")
_CLOSES_RESPONSE: Summary[bool | None] = Summary("closes response argument")

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
    if definition is None or any(is_assignment_target(use)
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
            if holds_when_set is not None:
                if taken == holds_when_set:
                    return True
            elif taken and mentions_error.search(text(condition)):
                # `if isTimeout(err)`, `errors.Is(err, x)`, `err != nil && retry < 3`: the
                # branch is about a failed request.
                return True
        for value in (response, f"{response}.Body"):
            holds_when_set = nil_check(condition, value)
            if holds_when_set is not None and taken != holds_when_set:
                return True  # no response, or no body: nothing to close
        return False

    return impossible


_LOCAL_URL = re.compile(r'^["`]https?://(?:\.|localhost|127\.0\.0\.1|\[::1\]|unix)(?:[:/"`]|$)')
_LINK_LOCAL_URL = re.compile(r'^["`]https?://(?:\.|localhost|127\.0\.0\.1|\[::1\]|unix|'
                             r'169\.254\.\d{1,3}\.\d{1,3}|\[fe80:[0-9a-fA-F:]*\])(?:[:/"`]|$)')
LOCAL_ADDRESS = re.compile(r'^["`](?:localhost|127\.0\.0\.1|\[::1\]):')


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
    url = items[position]
    while url.type == "binary_expression":
        left = url.child_by_field_name("left")
        if left is None:
            break
        url = left
    pattern = _LINK_LOCAL_URL if link_local else _LOCAL_URL
    if url.type in ("interpreted_string_literal", "raw_string_literal"):
        return pattern.match(text(url)) is not None
    values = string_values(file, url) if file is not None else None
    return bool(values) and all(pattern.match(value) for value in values or ())


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
_MAX_DEPTH = 3  # how deep helper summaries follow a response


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
            if call is not None and _helper_keeps_open(ctx, call, use, depth):
                continue
        settled.append(use.start_byte)
    return settled


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
        if call is None or call.type != "call_expression":
            return False
        package = ctx.package_call(call)
        if package is not None:
            return package[1] not in _READERS.get(package[0], ())
        return not _helper_keeps_open(ctx, call, body, depth)
    # Kept in a variable or field (an io.Closer), returned, stored, sent: handled elsewhere.
    return parent.type in ("expression_list", "return_statement", "keyed_element",
                           "literal_element", "send_statement", "assignment_statement",
                           "short_var_declaration", "var_spec")


def _helper_keeps_open(ctx: FileModel, call: Node, argument: Node, depth: int) -> bool:
    """Whether ``call`` runs a same-package function that provably neither closes what it is
    handed nor keeps it."""
    resolution = ctx.package_view.resolve_call(ctx, call)
    index = argument_index(call, argument)
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


def set_later(ctx: FileModel, name: str | None, fields: tuple[str, ...]) -> bool:
    """Whether the package assigns one of ``fields`` on the value kept under ``name``
    (`c.Timeout = ...`, `s.srv.ReadHeaderTimeout = ...`)."""
    if name is None:
        return False
    pattern = re.compile(rb"\b" + re.escape(name.encode()) + rb"\s*\.\s*(?:" +
                         b"|".join(f.encode() for f in fields) + rb")\s*=[^=]|\*\s*" +
                         re.escape(name.encode()) + rb"\s*=[^=]")
    return any(pattern.search(data) for data in ctx.package_view.texts())


def http_literals(ctx: FileModel, type_name: str) -> list[Node]:
    """`http.<type_name>{...}` composite literals of the file."""
    if f"{type_name}{{".encode() not in ctx.source.data:
        return []
    return [literal for literal in ctx.find("composite_literal")
            if ctx.is_qualified(literal.child_by_field_name("type"), HTTP, type_name)]


def literal_keys(literal: Node) -> set[str]:
    body = literal.child_by_field_name("body")
    keys = set()
    for element in body.named_children if body is not None else ():
        if element.type == "keyed_element" and element.named_child_count:
            keys.add(text(element.named_children[0]).strip())
    return keys


def local_listener(ctx: FileModel, call: Node) -> bool:
    """`http.Serve(l, h)` where the function made `l` with `net.Listen("unix", ...)`, or with
    `net.Listen("tcp", addr)` on a loopback address (written there, or the default of the flag
    it comes from): only local processes can connect."""
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and \
        arguments.named_child_count else None
    function = ctx.enclosing_function(call)
    if first is None or first.type != "identifier" or function is None:
        return False
    made = re.search(rf"\b{re.escape(text(first))}\s*(?:,\s*\w+\s*)?:?=\s*net\.Listen\(\s*"
                     rf"\"(\w+)\"\s*,\s*([^,)\n]+)\)", text(function))
    if made is None:
        return False
    if made.group(1) == "unix":
        return True
    start = function.start_byte + len(text(function)[:made.start(2)].encode())
    address = ctx.source.root.named_descendant_for_byte_range(
        start, start + len(made.group(2).strip().encode()))
    return address is not None and _local_address_node(ctx, address)


def local_address(ctx: FileModel, call: Node) -> bool:
    """The listen address, the call's first argument, is a loopback address written there or
    the default of the flag it is read from (`*httpAddr`, `httpAddr = flag.String("http",
    "localhost:6060", ...)`), or held in a constant, or a parameter every caller of which
    passes such an address (`debugServer(debugAddr)`): a development server, public only if
    its user says so."""
    arguments = call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    return bool(items) and _local_address_node(ctx, items[0])


def _local_address_node(ctx: FileModel, address: Node) -> bool:
    """A loopback address as written, the default of the flag it is read from, or every
    value the expression can hold (a constant, a struct field's default, what every caller
    passes)."""
    if _local_address_text(ctx, text(address)):
        return True
    values = string_values(ctx, address)
    return bool(values) and all(LOCAL_ADDRESS.match(value) for value in values or ())


def _local_address_text(ctx: FileModel, expression: str) -> bool:
    if LOCAL_ADDRESS.match(expression):
        return True
    pointer = expression.startswith("*")
    name = expression.lstrip("*").strip()
    if not re.fullmatch(r"\w+", name):
        return False
    source = ctx.source.data.decode("utf-8", "replace")
    # `*addr` reads `addr := flag.String(...)`; a plain `addr` is filled by flag.StringVar
    found = re.search(rf"\b{name}\s*:?=\s*flag\.String\(\s*\"[^\"]*\"\s*,\s*([^,]+),"
                      if pointer else
                      rf"\bflag\.StringVar\(\s*&{name}\s*,\s*\"[^\"]*\"\s*,\s*([^,]+),",
                      source)
    if found is None:
        return False
    default = found.group(1).strip()
    if re.fullmatch(r"\w+", default):  # a constant: `const defaultAddr = "localhost:6060"`
        constant = re.search(rf"\b{default}\s*=\s*(\"[^\"]*\")", source)
        default = constant.group(1) if constant is not None else default
    return LOCAL_ADDRESS.match(default) is not None


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
    if address is None or name is None or not _local_address_node(ctx, address) or \
            set_later(ctx, name, ("Addr",)):
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
                set_later(ctx, assigned_name(literal), ("ReadHeaderTimeout", "ReadTimeout")):
            continue
        if _listens_on_local_addr(ctx, literal):
            continue  # `Addr: "localhost:6060"`, or a local default
        found.append(UntimedServer(literal, None))
    found.sort(key=lambda s: s.node.start_byte)
    return found
