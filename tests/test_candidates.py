"""The candidates located from the bytes are the nodes a tree-sitter query finds, on every
fixture and on a slice of the standard library (candidates.py trades the query's walk of every
node for a scan of the bytes; this is the query it replaces, kept as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tree_sitter import Node, Query, QueryCursor

from corpus import goroot_src
from leakgate.semantics.candidates import KINDS, Candidates, locate
from leakgate.source import GO, parse

ORACLE = Query(GO, """
(call_expression
  function: (selector_expression
    operand: (_) @selector.operand
    field: (field_identifier) @selector.name)) @selector
(call_expression
  function: (identifier) @make.function (#eq? @make.function "make")
  arguments: (argument_list . (channel_type))) @make
[(function_declaration) (method_declaration) (func_literal)] @function
(go_statement) @go_statement
(for_statement) @for_statement
(select_statement) @select_statement
(var_spec type: (channel_type)) @chan_var
(send_statement) @send_statement
(unary_expression operator: "<-") @receive
""")
TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
# Packages of the standard library with every candidate kind in quantity.
STD_PACKAGES = ("context", "net/http", "sync", "time", "os/exec", "go/types", "runtime",
                "cmd/go/internal/work")

Spans = dict[str, list[tuple[int, int]]]


def _span(node: Node) -> tuple[int, int]:
    return node.start_byte, node.end_byte


def by_query(root: Node) -> Spans:
    found: Spans = {kind: [] for kind in ("selector", "operand", "name", "make", "chan_var",
                                          "receive", *KINDS)}
    for _, captures in QueryCursor(ORACLE).matches(root):
        for kind in ("selector", "make", "chan_var", "receive", *KINDS):
            if kind in captures:
                found[kind].append(_span(captures[kind][0]))
                if kind == "selector":
                    found["operand"].append(_span(captures["selector.operand"][0]))
                    found["name"].append(_span(captures["selector.name"][0]))
                break
    return {kind: sorted(spans) for kind, spans in found.items()}


def by_bytes(candidates: Candidates) -> Spans:
    found: Spans = {kind: sorted(map(_span, nodes)) for kind, nodes in candidates.by_kind.items()}
    found["selector"] = sorted(_span(c[0]) for c in candidates.selector_calls)
    found["operand"] = sorted(_span(c[1]) for c in candidates.selector_calls)
    found["name"] = sorted(_span(c[2]) for c in candidates.selector_calls)
    found["make"] = sorted(map(_span, candidates.channel_makes))
    found["chan_var"] = sorted(map(_span, candidates.channel_vars))
    found["receive"] = sorted(map(_span, candidates.receives))
    return found


def assert_same(paths: list[Path]) -> int:
    compared = 0
    for path in paths:
        data = path.read_bytes()
        root = parse(data).root_node
        located = locate(data, root)
        assert by_bytes(located) == by_query(root), path
        for kind, nodes in [*located.by_kind.items(), ("receive", located.receives)]:
            assert [n.start_byte for n in nodes] == sorted(n.start_byte for n in nodes), kind
        compared += 1
    return compared


def test_fixtures() -> None:
    assert assert_same(sorted(TESTDATA.rglob("*.go"))) > 200


@pytest.mark.parametrize("package", STD_PACKAGES)
def test_standard_library(package: str) -> None:
    directory = goroot_src() / package
    assert assert_same(sorted(directory.glob("*.go"))) > 5


def test_shapes() -> None:
    source = b"""package p

func f(x T) {
	x.A().B[K, V](x.c /* not seen */ .D())
	ch, done := make(chan int), make(<-chan struct{}, 1)
	var in, out chan chan int
	var (
		a = 1
		b chan<- int
	)
	// go for select chan <- make(chan int) x.E()
	s := "go x.F() for <-"
	ergo, fork := 1, 2
	go func() { ch <- 1 }()
	for range ch {
		select {
		case v := <-ch:
			f(func() { out <- nil }) <- v
		}
	}
}
"""
    located = by_bytes(locate(source, parse(source).root_node))
    names = [source[s:e].decode() for s, e in located["name"]]
    assert names == ["A", "B", "D"]
    assert len(located["make"]) == 2 and len(located["chan_var"]) == 2
    assert len(located["function"]) == 3 and len(located["go_statement"]) == 1
    assert len(located["for_statement"]) == 1 and len(located["select_statement"]) == 1
    assert len(located["receive"]) == 1
    assert len(located["send_statement"]) == 3
