"""One parsed Go file: its bytes, syntax tree, line index and column conversions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Tree

GO = Language(tree_sitter_go.language())

_BUILD_TEST_ONLY = re.compile(rb"^//(?:go:build| \+build) +(?:ignore|gofuzz)\s*$", re.MULTILINE)
# `latest`, `contest`, `attest` and `protest` are not test packages.
_TEST_PACKAGE = re.compile(
    r"(?<!la)(?<!con)(?<!at)(?<!pro)(?:test|testing|testutils?|testhelpers?)$")
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.$", re.MULTILINE)


def new_parser() -> Parser:
    return Parser(GO)


_parser: Parser | None = None


def parse(data: bytes) -> Tree:
    """Parse with one parser per process (parsers are cheap to reuse, not to create)."""
    global _parser
    if _parser is None:
        _parser = new_parser()
    return _parser.parse(data)


def is_generated(data: bytes) -> bool:
    """The Go convention: a line `// Code generated ... DO NOT EDIT.` before `package`."""
    if data.startswith(b"package "):
        return False
    head_end = data.find(b"\npackage ")
    head = data if head_end < 0 else data[: head_end + 1]
    return _GENERATED.search(head) is not None


@dataclass
class SourceFile:
    path: str  # as shown to users: relative to the working directory when possible
    data: bytes
    tree: Tree
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.data.find
        i = find(b"\n")
        while i >= 0:
            starts.append(i + 1)
            i = find(b"\n", i + 1)
        self.line_starts = starts

    @classmethod
    def parse(cls, path: str, data: bytes) -> SourceFile:
        return cls(path, data, parse(data))

    @property
    def root(self) -> Node:
        return self.tree.root_node

    def line_of(self, byte: int) -> int:
        """1-based line of a byte offset."""
        return bisect.bisect_right(self.line_starts, byte)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.data)
        return self.data[start:end].decode("utf-8", "replace").rstrip("\r")

    def utf16_column(self, line: int, byte_column: int) -> int:
        """1-based UTF-16 column for a 0-based byte column on a 1-based line (SARIF columnKind)."""
        start = self.line_starts[line - 1]
        prefix = self.data[start : start + byte_column].decode("utf-8", "replace")
        return len(prefix.encode("utf-16-le")) // 2 + 1

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    @cached_property
    def package_name(self) -> str:
        for child in self.root.children:
            if child.type == "package_clause":
                for part in child.children:
                    if part.type == "package_identifier":
                        return self.text(part)
        return ""

    @cached_property
    def is_test(self) -> bool:
        """Test code, held to the rules' test leniency: a `_test.go` file; a program kept out
        of every build (`//go:build ignore`, the idiom for generators and functional-test
        drivers) or built only for fuzzing (`gofuzz`); a test-support package (`testutil`,
        `httptest`, `iotest`: a name ending in test, testing or testutil(s))."""
        if self.path.endswith("_test.go"):
            return True
        if _TEST_PACKAGE.search(self.package_name):
            return True
        head_end = self.data.find(b"\npackage ")
        head = self.data[: head_end + 1] if head_end >= 0 else b""
        return _BUILD_TEST_ONLY.search(head) is not None
