"""net/http without types: which calls send a request and return a response, which values are
clients, and what a response's error check looks like.

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
from typing import TYPE_CHECKING, cast

from tree_sitter import Node

from leakgate.semantics.syntax import call_callee, text, unparen

if TYPE_CHECKING:
    from leakgate.context import FileContext

HTTP = "net/http"
PACKAGE_SENDERS = frozenset({"Get", "Head", "Post", "PostForm"})
CLIENT_METHODS = frozenset({"Do", "Get", "Head", "Post", "PostForm"})


@dataclass(frozen=True)
class ResponseCall:
    call: Node
    name: str  # `http.Get`, `client.Do`, `t.RoundTrip`
    known: bool  # a client or transport known from the syntax (else: a guess by method name)
    default_client: bool  # sent through http.DefaultClient (no timeout)


def is_http_client(ctx: FileContext, operand: Node) -> bool:
    """Whether ``operand`` is an `http.Client` (or a pointer to one) by its declaration."""
    operand = unparen(operand)
    if ctx.is_qualified(operand, HTTP, "DefaultClient"):
        return True
    if operand.type == "identifier":
        definition = ctx.resolve(operand)
        return definition is not None and ctx.local_has_type(definition, HTTP, "Client")
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


def _declares_clients(ctx: FileContext) -> bool:
    """Whether any file of the package spells `http.Client` (a field can hold one)."""

    def compute() -> bool:
        return any(b"http.Client" in data for data in ctx.package_view.texts())

    return cast(bool, ctx.package_view.fact("declares http clients", compute))


def response_calls(ctx: FileContext) -> list[ResponseCall]:
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

    return ctx.memo("http response calls", compute)


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


def operand_name(call: Node) -> str:
    operand, _ = call_callee(call)
    return text(operand) if operand is not None else ""


_LOCAL_URL = re.compile(r'^["`]https?://(?:\.|localhost|127\.0\.0\.1|\[::1\]|unix)(?:[:/"`]|$)')
_LOCAL_ADDRESS = re.compile(r'^["`](?:localhost|127\.0\.0\.1|\[::1\]):')


def local_endpoint(call: Node, position: int, address: bool = False) -> bool:
    """The URL argument (with ``address``: the listen address) is written as a local
    endpoint: `"http://localhost:9090/..."`, a loopback address, or the placeholder host of a
    unix-socket client (`"http://." + path`)."""
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
    pattern = _LOCAL_ADDRESS if address else _LOCAL_URL
    return url.type in ("interpreted_string_literal", "raw_string_literal") and \
        pattern.match(text(url)) is not None
