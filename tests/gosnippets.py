"""Small helpers for unit tests on Go snippets: parse, then find nodes by type and text."""

from __future__ import annotations

import textwrap

from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import descendants, text
from leakgate.source import SourceFile


def go(source: str, path: str = "x.go") -> FileContext:
    """A FileContext for ``source``; `package p` is prepended when the snippet has none."""
    source = textwrap.dedent(source).strip("\n") + "\n"
    if not source.startswith("package "):
        source = "package p\n\n" + source
    return FileContext(SourceFile.parse(path, source.encode()))


def nodes(ctx: FileContext | Node, kind: str, prefix: str | None = None) -> list[Node]:
    """Every node of type ``kind`` (in source order) whose text starts with ``prefix``."""
    root = ctx.source.root if isinstance(ctx, FileContext) else ctx
    return [n for n in descendants(root, frozenset({kind}))
            if prefix is None or text(n).startswith(prefix)]


def node(ctx: FileContext | Node, kind: str, prefix: str | None = None, nth: int = 0) -> Node:
    """The ``nth`` node of type ``kind`` whose text starts with ``prefix``."""
    found = nodes(ctx, kind, prefix)
    assert len(found) > nth, f"no {kind} #{nth} starting with {prefix!r}: {len(found)} found"
    return found[nth]


def ident(ctx: FileContext | Node, name: str, nth: int = 0) -> Node:
    """The ``nth`` identifier spelled ``name``."""
    found = [n for n in nodes(ctx, "identifier") if text(n) == name]
    assert len(found) > nth, f"identifier {name!r} #{nth}: only {len(found)} found"
    return found[nth]


def function(ctx: FileContext, name: str) -> Node:
    """The function or method declaration called ``name``."""
    for kind in ("function_declaration", "method_declaration"):
        for candidate in nodes(ctx, kind):
            name_node = candidate.child_by_field_name("name")
            if name_node is not None and text(name_node) == name:
                return candidate
    raise AssertionError(f"no function {name!r}")


def definition(ctx: FileContext, name: str, nth: int = 0) -> Definition:
    """The ``nth`` local definition of ``name`` in the file, in source order."""
    found: list[Definition] = []
    for candidate in nodes(ctx, "identifier"):
        if text(candidate) != name:
            continue
        defined = ctx.scopes(candidate).definition_at(candidate)
        if defined is not None and defined.node == candidate:
            found.append(defined)
    assert len(found) > nth, f"definition {name!r} #{nth}: only {len(found)} found"
    return found[nth]


def line(n: Node) -> int:
    return n.start_point[0] + 1
