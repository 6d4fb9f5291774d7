"""Whether a server can be reached only from the host: the address it listens on, and the
listener it serves on, followed through locals, the parameters every caller fills, the package
functions that make the listener, and the defaults of the flags an address is read from.

`http.Serve(listener, nil)` in `activateServer(listener)`, where `main` passes
`createListener()`, which returns `net.Listen("tcp", fmt.Sprintf("%s:%d", host, port))` and
`host` is filled by `flag.StringVar(&host, "host", "127.0.0.1", ...)`, serves on loopback
unless its user says otherwise: a development server. Unknown is not local.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from leakgate.semantics.model import FileModel
from leakgate.semantics.syntax import text, unparen
from leakgate.semantics.values import caller_arguments, only_value, returned_first, string_values

LOCAL_ADDRESS = re.compile(r'^["`](?:localhost|127\.0\.0\.1|\[::1\]):')
_LOCAL_HOST = re.compile(r'^["`](?:localhost|127\.0\.0\.1|::1|\[::1\])["`]$')
_DEPTH = 6  # steps followed back from a listener: locals, callers, makers


def local_listener(file: FileModel, call: Node) -> bool:
    """`http.Serve(l, h)` where `l` is made by `net.Listen("unix", ...)`, or by
    `net.Listen("tcp", addr)` on a loopback address: in the function, handed in by every
    caller, or returned by the package function that makes it."""
    arguments = call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    return bool(items) and _local_listener(file, items[0], 0)


def _local_listener(file: FileModel, node: Node, depth: int) -> bool:
    node = unparen(node)
    if depth > _DEPTH:
        return False
    if node.type == "identifier":
        definition = file.resolve(node)
        if definition is None:
            return False
        if definition.kind == "param":
            passed = caller_arguments(file, definition.function, definition.name)
            return bool(passed) and all(_local_listener(f, argument, depth + 1)
                                        for f, argument in passed or ())
        value = only_value(file, node, definition)
        return value is not None and _local_listener(file, value, depth + 1)
    if node.type != "call_expression":
        return False
    arguments = node.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    if file.package_call(node) == ("net", "Listen") and len(items) == 2:
        return text(items[0]) in ('"unix"', '"unixpacket"') or \
            local_address_node(file, items[1])
    resolution = file.package_view.resolve_call(file, node)
    made = [(ref.file, value) for ref in resolution.targets
            for value in returned_first(ref.node)] if resolution is not None else []
    return bool(made) and all(_local_listener(f, value, depth + 1) for f, value in made)


def local_address(file: FileModel, call: Node) -> bool:
    """The listen address, the call's first argument, is a loopback address (see
    local_address_node): a development server, public only if its user says so."""
    arguments = call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    return bool(items) and local_address_node(file, items[0])


def local_address_node(file: FileModel, address: Node) -> bool:
    """A loopback address as written, the default of the flag it is read from, every value
    the expression can hold (a constant, a struct field's default, what every caller
    passes), or one built from a loopback host (`fmt.Sprintf("%s:%d", host, port)`,
    `net.JoinHostPort(host, port)`)."""
    address = unparen(address)
    if _flag_default(file, text(address), LOCAL_ADDRESS):
        return True
    host = _host_of(file, address)
    if host is not None:
        return _local_host(file, host)
    values = string_values(file, address)
    return bool(values) and all(LOCAL_ADDRESS.match(value) for value in values or ())


def _host_of(file: FileModel, address: Node) -> Node | None:
    """The host an address is built from: `fmt.Sprintf("%s:%d", host, port)`,
    `net.JoinHostPort(host, port)`."""
    if address.type != "call_expression":
        return None
    qualified = file.package_call(address)
    arguments = address.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    if qualified == ("net", "JoinHostPort") and len(items) == 2:
        return items[0]
    if qualified == ("fmt", "Sprintf") and len(items) >= 2 and \
            re.fullmatch(r'"%s:%[dsv]"', text(items[0])):
        return items[1]
    return None


def _local_host(file: FileModel, host: Node) -> bool:
    if _flag_default(file, text(host), _LOCAL_HOST):
        return True
    values = string_values(file, host)
    return bool(values) and all(_LOCAL_HOST.match(value) for value in values or ())


def _flag_default(file: FileModel, expression: str, pattern: re.Pattern[str]) -> bool:
    """``expression`` is a loopback value as written, or names a variable a flag fills
    whose default is one: `*addr` for `addr := flag.String("http", "localhost:6060", ...)`,
    `host` for `flag.StringVar(&host, "host", "127.0.0.1", ...)`."""
    if pattern.match(expression):
        return True
    pointer = expression.startswith("*")
    name = expression.lstrip("*").strip()
    if not re.fullmatch(r"\w+", name):
        return False
    source = file.source.data.decode("utf-8", "replace")
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
    return pattern.match(default) is not None
