"""One parsed Go file: its bytes, syntax tree, line index and column conversions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Tree

GO = Language(tree_sitter_go.language())

_BUILD_TEST_ONLY = re.compile(
    rb"^//(?:go:build| \+build) +(?:ignore|gofuzz|testing|integration|e2e)\s*$", re.MULTILINE)


def kept_out_of_builds(head: bytes) -> bool:
    """A file head (up to its package clause) with `//go:build ignore` (or `gofuzz`): a
    program run by hand (`go run gen.go`), no package's code; or built only under a tag for
    tests (`testing`, `integration`, `e2e`: the convention for test-only code that is not in
    a `_test.go` file, such as an end-to-end suite's helpers or a fake clock)."""
    end = head.find(b"\npackage ")
    return _BUILD_TEST_ONLY.search(head[: end + 1] if end >= 0 else head) is not None


_BUILD_GENERATE = re.compile(rb"^//(?:go:build| \+build) +(?:generate|examples?)\s*$",
                             re.MULTILINE)
# `latest`, `contest`, `attest`, `protest` and superlatives (`fastest`) are not test packages;
# a `tester` package drives functional tests.
_TEST_PACKAGE = re.compile(
    r"(?<!la)(?<!con)(?<!at)(?<!pro)(?<!fas)(?<!grea)(?<!shor)(?<!sof)(?<!hot)"
    r"(?:tests?|testing|testers?|testutils?|testhelpers?)$")
# Imports that make a file test code wherever it is: "testing" (only code written for tests
# imports it outside a _test.go file) and the test frameworks (ginkgo, gomega, testify,
# gocheck), whose suites and helpers are tests too.
_TEST_FRAMEWORK_BYTES = (b'"testing"', b'"github.com/onsi/', b'"github.com/stretchr/testify/',
                         b'check.v1"', b'"github.com/go-check/check"')
_TEST_IMPORT = re.compile(r'"(?:testing|github\.com/onsi/(?:ginkgo|gomega)(?:/.*)?|'
                          r'github\.com/stretchr/testify/.+|gopkg\.in/check\.v1|'
                          r'github\.com/go-check/check)"')
_SAMPLE_SUFFIXES = ("example", "demo", "demos")
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.$", re.MULTILINE)


def _descendants_of_type(node: Node, kind: str) -> list[Node]:
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.type == kind:
            found.append(current)
        else:
            stack.extend(current.children)
    return found


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


@dataclass(frozen=True)
class Skipped:
    """A top-level declaration left out of the analysis because the grammar cannot read it."""

    line: int
    name: str
    cause: str


@dataclass
class SourceFile:
    path: str  # as shown to users: relative to the working directory when possible
    data: bytes
    tree: Tree  # parsed from `data`, or from a same-length reading of it (see `parse`)
    skipped: list[Skipped] = field(default_factory=list)
    in_module: str = ""  # the path below the module's go.mod (GoFile.in_module)

    @cached_property
    def line_starts(self) -> list[int]:
        """The byte offset of each line's start: built only when a line is asked for (most
        files report nothing)."""
        starts = [0]
        find = self.data.find
        i = find(b"\n")
        while i >= 0:
            starts.append(i + 1)
            i = find(b"\n", i + 1)
        return starts

    @property
    def line_count(self) -> int:
        return self.data.count(b"\n") + 1

    @classmethod
    def parse(cls, path: str, data: bytes) -> SourceFile:
        """Parse ``data``. When the tree has errors, read it again declaration by declaration:
        a declaration in syntax newer than the grammar is shimmed into same-length text the
        grammar reads, and one that still fails is blanked out, so an error costs at most that
        declaration (tree-sitter's recovery otherwise swallows the ones after it too). Every
        byte, line and column stays where it was; the error-free path pays nothing."""
        tree = parse(data)
        if not tree.root_node.has_error:
            return cls(path, data, tree)
        readable, skipped = _readable(data)
        if readable is data:
            return cls(path, data, tree)
        return cls(path, data, parse(readable), skipped)

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
        drivers) or built only for fuzzing (`gofuzz`) or for tests (`testing`, `integration`,
        `e2e` tags); a test-support package (`testutil`,
        `httptest`, `iotest`, a functional-test `tester`: a name ending in test(s), testing,
        tester(s) or testutil(s)); a file that imports "testing" or a test framework (ginkgo,
        gomega, testify, gocheck): suites, fixtures, helpers and the frameworks' own code."""
        if self.path.endswith("_test.go"):
            return True
        if _TEST_PACKAGE.search(self.package_name):
            return True
        if self.data.find(b"\npackage ") >= 0 and kept_out_of_builds(self.data):
            return True
        if not any(marker in self.data for marker in _TEST_FRAMEWORK_BYTES):
            return False
        return any(_TEST_IMPORT.fullmatch(path) for path in self.import_paths)

    @cached_property
    def import_paths(self) -> list[str]:
        """The quoted paths of the file's import declarations (read from the tree: a path
        spelled in a string or a template is not an import)."""
        paths = []
        for declaration in self.root.children:
            if declaration.type != "import_declaration":
                continue
            for spec in _descendants_of_type(declaration, "import_spec"):
                path = spec.child_by_field_name("path")
                if path is not None:
                    paths.append(self.text(path))
        return paths

    @cached_property
    def is_sample(self) -> bool:
        """Demonstration or generator code, not the service: a file under an `examples`
        directory (`_example(s)` too; a singular `example` or `demo` often holds the product's
        own demo service, which is checked) or one named for one (`raftexample`, `tlsdemo`),
        generator support code (`internal/gen`), or a program built only under a `generate` or
        `example` tag."""
        shown = self.in_module or self.path
        parts = [part.lower() for part in shown.replace("\\", "/").split("/")[:-1]
                 if part not in ("", ".", "..")]
        if any(part in ("examples", "_examples", "_example") or
               (part not in ("example", "demo") and part.endswith(_SAMPLE_SUFFIXES))
               for part in parts):
            return True
        if any(a == "internal" and b == "gen" for a, b in zip(parts, parts[1:], strict=False)):
            return True  # x/text's internal/gen: support code of the generators
        head_end = self.data.find(b"\npackage ")
        head = self.data[: head_end + 1] if head_end >= 0 else b""
        return _BUILD_GENERATE.search(head) is not None


# --- reading what the grammar cannot ----------------------------------------------------------
# Top-level declarations start at the beginning of a line in gofmt'd code.
_DECLARATION_START = re.compile(rb"^(?:func|type|var|const|import)\b", re.MULTILINE)
_DECLARED_NAME = re.compile(
    rb"^(?:func\s*(?:\([^()]*\)\s*)?|type\s+|var\s+|const\s+)([A-Za-z_][A-Za-z0-9_]*)",
    re.MULTILINE)
_METHOD_HEAD = re.compile(rb"^func\s*\([^()]*\)\s*[A-Za-z_][A-Za-z0-9_]*\[", re.MULTILINE)
_NEW_CALL = re.compile(rb"\bnew\(")
GENERIC_METHOD = "Go 1.27 generic method: newer than the grammar"
NEW_EXPRESSION = "Go 1.26 new(expr): newer than the grammar"


def _readable(data: bytes) -> tuple[bytes, list[Skipped]]:
    """A same-length copy of ``data`` the grammar reads without error, and the declarations
    blanked out to get there (``data`` itself when nothing could be done)."""
    chunks = _declaration_chunks(data)
    if len(chunks) < 2:
        return data, []
    out = bytearray(data)
    skipped: list[Skipped] = []
    changed = False
    for start, end in chunks:
        chunk = data[start:end]
        if not _fails(chunk):
            continue
        shimmed = _shim(chunk)
        if shimmed is not None and not _fails(shimmed):
            out[start:end] = shimmed
            changed = True
            continue
        out[start:end] = bytes(b if b in b"\n" else 0x20 for b in chunk)
        changed = True
        head = _DECLARATION_START.search(chunk)  # past the doc comment
        offset = head.start() if head is not None else 0
        line = data.count(b"\n", 0, start + offset) + 1
        name = _DECLARED_NAME.match(chunk, offset)
        skipped.append(Skipped(line, name.group(1).decode() if name else "declaration",
                               _cause(chunk)))
    return (bytes(out), skipped) if changed else (data, [])


def _declaration_chunks(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the top-level declarations (the head before the first one apart), each
    with the comment lines written just above it."""
    quoted = _raw_strings(data)
    starts = [m.start() for m in _DECLARATION_START.finditer(data)
              if not any(a < m.start() < b for a, b in quoted)]  # `type: Opaque` in YAML
    bounds = []
    for start in starts:
        # Pull the doc comment above the declaration into its chunk.
        while start > 0:
            previous = data.rfind(b"\n", 0, start - 1) + 1
            if not data[previous:start].lstrip().startswith(b"//"):
                break
            start = previous
        bounds.append(start)
    chunks = []
    for index, start in enumerate(bounds):
        end = bounds[index + 1] if index + 1 < len(bounds) else len(data)
        if start < end:
            chunks.append((start, end))
    return chunks


_LEXEME_START = re.compile(rb"//|/\*|[\"'`]")


def _raw_strings(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the raw string literals (`...`), found by a scan that skips comments,
    interpreted strings and runes: a line inside one that starts with `type` or `func` is
    text, not a declaration."""
    spans: list[tuple[int, int]] = []
    size = len(data)
    match = _LEXEME_START.search(data)
    while match is not None:
        index, lexeme = match.start(), match.group()
        if lexeme == b"//":
            end = data.find(b"\n", index)
        elif lexeme == b"/*":
            end = data.find(b"*/", index + 2)
            end = -1 if end < 0 else end + 1
        elif lexeme == b"`":
            end = data.find(b"`", index + 1)
            spans.append((index, size if end < 0 else end))
        else:  # "string" or 'rune', with escapes, ending at the line's end at the latest
            end = index + 1
            while end < size and data[end] not in (lexeme[0], 0x0A):
                end += 2 if data[end] == 0x5C else 1
        if end < 0:
            break
        match = _LEXEME_START.search(data, end + 1)
    return spans


def _fails(chunk: bytes) -> bool:
    return parse(b"package p\n" + chunk).root_node.has_error


def _shim(chunk: bytes) -> bytes | None:
    """Same-length text for the known grammar gaps: a generic method's own type parameters
    blanked (`func (b Box[T]) Map[U any](` reads as `Map(`), `new(expr)` read as a call of
    another one-word function."""
    shimmed = bytearray(chunk)
    head = _METHOD_HEAD.search(chunk)
    if head is not None:
        open_at = head.end() - 1
        close_at = _matching_bracket(chunk, open_at)
        if close_at is not None:
            shimmed[open_at:close_at + 1] = b" " * (close_at + 1 - open_at)
    for match in _NEW_CALL.finditer(chunk):
        shimmed[match.start():match.start() + 3] = b"neW"
    result = bytes(shimmed)
    return result if result != chunk else None


def _matching_bracket(data: bytes, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, min(len(data), open_at + 4096)):
        char = data[index]
        if char == 0x5B:  # [
            depth += 1
        elif char == 0x5D:  # ]
            depth -= 1
            if depth == 0:
                return index
    return None


def _cause(chunk: bytes) -> str:
    if _METHOD_HEAD.search(chunk):
        return GENERIC_METHOD
    if _NEW_CALL.search(chunk):
        return NEW_EXPRESSION
    return "syntax error"
