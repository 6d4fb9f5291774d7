"""Escape: does a local value leave its function, and through which use?"""

from __future__ import annotations

import textwrap

import pytest
from gosnippets import definition, go, line

from leakgate.semantics.escape import escape_of_use, escapes
from leakgate.semantics.syntax import text


def escape(statements: str, name: str = "x") -> tuple[str, str] | None:
    """(how, text of the escaping use's line) for `x := open()` followed by ``statements``."""
    inner = textwrap.indent(textwrap.dedent(statements).strip("\n"), "\t")
    source = f"func f(s *S, m map[string]*T, xs []*T, ch chan *T) *T {{\n\tx := open()\n{inner}\n}}"
    ctx = go(source)
    found = definition(ctx, name)
    result = escapes(found, ctx.scopes(found.node))
    if result is None:
        return None
    assert text(result.use) == name
    return result.how, ctx.source.line_text(line(result.use)).strip()


ESCAPES = {
    "returned": ("return x", "returned"),
    "returned-pair": ("return x, nil", "returned"),
    "returned-address": ("return &x", "returned"),
    "returned-parenthesised": ("return (x)", "returned"),
    "argument": ("consume(x)", "argument"),
    "argument-second": ("consume(1, x)", "argument"),
    "argument-address": ("consume(&x)", "argument"),
    "argument-of-method": ("s.Add(x)", "argument"),
    "argument-deref": ("consume(*x)", "argument"),
    "argument-append": ("xs = append(xs, x)", "argument"),
    "argument-deferred": ("defer consume(x)", "argument"),
    "argument-go": ("go consume(x)", "argument"),
    "conversion": ("_ = io.Closer(x)", "argument"),
    "field": ("s.f = x", "stored"),
    "nested-field": ("s.a.b = x", "stored"),
    "map-element": ('m["k"] = x', "stored"),
    "slice-element": ("xs[0] = x", "stored"),
    "through-pointer": ("*p = x", "stored"),
    "field-second-of-pair": ("n, s.f = 1, x", "stored"),
    "composite-keyed": ("_ = S{f: x}", "stored"),
    "composite-positional": ("_ = []*T{x}", "stored"),
    "composite-address": ("_ = &S{f: &x}", "stored"),
    "composite-map-value": ('_ = map[string]*T{"k": x}', "stored"),
    "sent": ("ch <- x", "sent"),
    "outer-var": ("global = x", "assigned"),
    "new-var": ("y := x\nuse(y.f)", "assigned"),
    "var-spec": ("var y = x\nuse(y.f)", "assigned"),
    "outer-var-pair": ("a, b = 1, x", "assigned"),
    "captured": ("go func() {\n\tx.Close()\n}()", "captured", "x.Close()"),
    "captured-deferred": ("defer func() { _ = x }()", "captured"),
    "captured-nested": ("f := func() {\n\tg := func() { x.Close() }\n\t_ = g\n}\n_ = f",
                        "captured", "g := func() { x.Close() }"),
}


@pytest.mark.parametrize("case", ESCAPES.values(), ids=ESCAPES.keys())
def test_escapes(case: tuple[str, ...]) -> None:
    statements, how = case[:2]
    use_line = case[2] if len(case) > 2 else statements.splitlines()[0]
    assert escape(statements) == (how, use_line)


NO_ESCAPE = {
    "method-call": "x.Close()",
    "deferred-method": "defer x.Close()",
    "field-read": "_ = x.f",
    "field-passed": "consume(x.f)",
    "field-returned": "return x.f",
    "field-method": "x.Body.Close()",
    "called": "x()",
    "called-deferred": "defer x()",
    "called-go": "go x()",
    "method-result-returned": "return x.Get()",
    "index-read": "_ = x[0]",
    "compared": "if x == nil {\n\treturn nil\n}",
    "reassigned": "x = open()",
    "redeclared": "x, err := open2()\n_ = err",
    "incremented": "x++",
    "receive-from": "<-x",
    "send-on-x": "x <- 1",
    "range-over": "for range x {\n}",
    "switch-tag": "switch x {\n}",
    "unused": "",
    "element-key": "_ = m[x]",
}


@pytest.mark.parametrize("statements", NO_ESCAPE.values(), ids=NO_ESCAPE.keys())
def test_no_escape(statements: str) -> None:
    assert escape(statements) is None


def test_first_escaping_use_wins() -> None:
    found = escape("x.Close()\nconsume(x)\nreturn x")
    assert found == ("argument", "consume(x)")


def test_closure_own_variable_is_not_captured() -> None:
    ctx = go("""
        func f() {
            g := func() {
                y := open()
                y.Close()
            }
            g()
        }
    """)
    y = definition(ctx, "y")
    assert y.function.type == "func_literal"
    assert escapes(y, ctx.scopes(y.node)) is None


def test_closure_parameter_returned_from_closure() -> None:
    ctx = go("""
        func f() {
            g := func(y *T) *T {
                return y
            }
            _ = g
        }
    """)
    y = definition(ctx, "y")
    found = escapes(y, ctx.scopes(y.node))
    assert found is not None and found.how == "returned"


def test_escape_of_use_per_use() -> None:
    ctx = go("""
        func f() *T {
            x := open()
            x.Close()
            consume(x)
            return x
        }
    """)
    x = definition(ctx, "x")
    uses = ctx.scopes(x.node).uses(x)
    assert [escape_of_use(use, x) for use in uses] == [None, "argument", "returned"]
