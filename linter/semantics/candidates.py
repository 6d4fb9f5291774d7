"""The nodes every shared question starts from, located from the file's bytes.

A tree-sitter query walks every node of the tree, and on tree-sitter-go that walk costs about
two fifths of the parse itself, whatever the pattern. The candidates are rarer than nodes: a
selector call is `.Name(`, a goroutine starts with the keyword `go`. So a regular expression
finds where each candidate can be (a C scan of the bytes), and the tree says what is there:
`descendant_for_byte_range` from the match to its parenthesis or the byte after its keyword
gives the smallest node holding both, in time proportional to the tree's depth. A match in a
comment or a string, or inside a longer identifier (`ergo`), locates a node of another type
and is dropped.

The one shape a byte scan does not see is a comment between a selector's name and its
parenthesis (`x.m /* c */ ()`), or between `make(` and `chan`: code nobody writes but the
type checker's own test data. tests/test_candidates.py holds this module to a query over the
fixtures and the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

_IDENTIFIER = rb"[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*"  # Go letters include any Unicode
# `x.Name(`, or `x.Name[T](` with type arguments (an index `x.f[i]` locates no call).
_SELECTOR = re.compile(rb"\.\s*(" + _IDENTIFIER + rb")\s*[(\[]")
_MAKE = re.compile(rb"make\s*\(\s*(?:<-\s*)?chan\b")
_SEND = re.compile(rb"<-")
_CHAN = re.compile(rb"chan\b")
# A literal first byte lets the scan skip ahead; `\b` before it would make it test each byte.
_STATEMENTS: tuple[tuple[re.Pattern[bytes], frozenset[str], str], ...] = (
    (re.compile(rb"func\b"),
     frozenset({"function_declaration", "method_declaration", "func_literal"}), "function"),
    (re.compile(rb"go\b"), frozenset({"go_statement"}), "go_statement"),
    (re.compile(rb"for\b"), frozenset({"for_statement"}), "for_statement"),
    (re.compile(rb"select\b"), frozenset({"select_statement"}), "select_statement"),
)
KINDS = frozenset({"function", "go_statement", "for_statement", "select_statement",
                   "send_statement"})


# A call `operand.name(...)`: (call, operand, name). A plain tuple: a file has thousands, and
# a named tuple's constructor is a Python call each.
SelectorCall = tuple[Node, Node, Node]


@dataclass
class Candidates:
    """One file's candidates, each list in source order."""

    selector_calls: list[SelectorCall] = field(default_factory=list)
    channel_makes: list[Node] = field(default_factory=list)  # `make(chan T[, n])` calls
    channel_vars: list[Node] = field(default_factory=list)  # `var c chan T` specs
    receives: list[Node] = field(default_factory=list)  # `<-x` expressions
    by_kind: dict[str, list[Node]] = field(default_factory=dict)  # KINDS: functions, statements


def locate(data: bytes, root: Node) -> Candidates:
    found = Candidates(_selector_calls(data, root), _channel_makes(data, root),
                       _channel_vars(data, root))
    at = root.descendant_for_byte_range
    for pattern, types, kind in _STATEMENTS:
        nodes = found.by_kind[kind] = []
        for match in pattern.finditer(data):
            start = match.start()
            node = at(start, match.end() + 1)  # the keyword and the byte after: its statement
            if node is not None and node.start_byte == start and node.type in types:
                nodes.append(node)
    sends = found.by_kind["send_statement"] = []
    for match in _SEND.finditer(data):
        node = root.named_descendant_for_byte_range(match.start(), match.end())
        if node is None:
            continue
        if node.type == "send_statement":
            sends.append(node)
        elif node.type == "unary_expression" and node.start_byte == match.start():
            found.receives.append(node)
    sends.sort(key=lambda n: n.start_byte)  # `f(func() { c <- 1 }) <- v`: the outer first
    return found


def _selector_calls(data: bytes, root: Node) -> list[SelectorCall]:
    calls = []
    for match in _SELECTOR.finditer(data):
        start = match.start(1)
        call = root.descendant_for_byte_range(start, match.end())
        if call is None or call.type != "call_expression":
            continue
        function = call.child_by_field_name("function")
        if function is None or function.type != "selector_expression":
            continue
        name = function.child_by_field_name("field")
        operand = function.child_by_field_name("operand")
        if name is not None and operand is not None and name.start_byte == start:
            calls.append((call, operand, name))
    calls.sort(key=lambda c: c[0].start_byte)  # `a.b().c()`: both start at `a`, inner first
    return calls


def _channel_makes(data: bytes, root: Node) -> list[Node]:
    calls = []
    for match in _MAKE.finditer(data):
        call = root.descendant_for_byte_range(match.start(), match.end())
        if call is None or call.type != "call_expression" or call.start_byte != match.start():
            continue
        function = call.child_by_field_name("function")
        arguments = call.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments is not None and \
            arguments.named_child_count else None
        if function is not None and function.type == "identifier" and first is not None and \
                first.type == "channel_type":
            calls.append(call)
    return calls


def _channel_vars(data: bytes, root: Node) -> list[Node]:
    """`var c chan T` specs (the outermost channel type of `chan chan T`, once)."""
    specs: dict[int, Node] = {}
    for match in _CHAN.finditer(data):
        node = root.named_descendant_for_byte_range(match.start(), match.end())
        if node is None or node.type != "channel_type":
            continue
        parent = node.parent
        while parent is not None and parent.type == "channel_type":
            node, parent = parent, parent.parent
        if parent is not None and parent.type == "var_spec" and \
                parent.child_by_field_name("type") == node:
            specs[parent.start_byte] = parent
    return [specs[start] for start in sorted(specs)]
