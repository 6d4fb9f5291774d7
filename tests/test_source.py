"""Reading Go that is newer than the grammar, or broken: an error costs at most its own
declaration, every byte stays where it was, and the error-free path is untouched."""

from __future__ import annotations

from leakgate.source import GENERIC_METHOD, NEW_EXPRESSION, Skipped, SourceFile

MODERN = b"""package p

import "context"

type Box[T any] struct{ v T }

// Map is a Go 1.27 generic method.
func (b Box[T]) Map[U any](f func(T) U) Box[U] {
\treturn Box[U]{f(b.v)}
}

func timeout() *int { return new(3 * 10) }

// broken is not Go.
func broken( {
\treturn
}

func leak(parent context.Context) {
\tctx, _ := context.WithCancel(parent)
\t_ = ctx
}
"""


def _declarations(source: SourceFile) -> list[tuple[str, int]]:
    return [(child.type, child.start_point[0] + 1) for child in source.root.children]


def test_newer_syntax_is_shimmed_and_broken_declarations_cost_only_themselves() -> None:
    source = SourceFile.parse("m.go", MODERN)
    assert not source.root.has_error
    assert source.skipped == [Skipped(15, "broken", "syntax error")]
    assert ("method_declaration", 8) in _declarations(source)
    assert ("function_declaration", 12) in _declarations(source)
    assert ("function_declaration", 19) in _declarations(source)
    assert source.data == MODERN  # lines and columns are the file's own
    call = source.root.children[-1].child_by_field_name("body")
    assert call is not None and call.start_point == (18, 34)


def test_causes_are_named_when_a_shim_is_not_enough() -> None:
    source = SourceFile.parse("m.go", b"package p\n\nfunc (b Box[T]) Map[U any](f func(T) U {\n"
                                      b"}\n\nfunc n() { _ = new(1 +) }\n\nfunc ok() {}\n")
    assert [(s.name, s.cause) for s in source.skipped] == [("Map", GENERIC_METHOD),
                                                          ("n", NEW_EXPRESSION)]
    assert ("function_declaration", 8) in _declarations(source)


def test_the_error_free_path_keeps_the_first_tree() -> None:
    data = b"package p\n\nfunc f() {}\n"
    source = SourceFile.parse("f.go", data)
    assert source.skipped == [] and not source.root.has_error and source.data is data


def test_a_raw_string_line_that_reads_like_a_declaration_splits_nothing() -> None:
    """A YAML fixture in a raw string has lines such as `type: Opaque`: they are text, so the
    declaration holding them is read whole (argo-cd's controller tests lost two that way)."""
    data = (b"package p\n\nvar secret = `\nkind: Secret\ntype: Opaque\nfunc: x\n`\n\n"
            b"var quoted = \"`\" // a backtick in a string opens nothing\n\n"
            b"func count() *int64 { return new(int64(100)) }\n\nfunc after() {}\n")
    source = SourceFile.parse("y.go", data)
    assert source.skipped == [] and not source.root.has_error
    assert [kind for kind, _ in _declarations(source)].count("var_declaration") == 2
    assert ("function_declaration", 13) in _declarations(source)
