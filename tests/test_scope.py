"""Scopes: local definitions, shadowing, redeclaration by `:=`, closures and uses."""

from __future__ import annotations

import pytest
from gosnippets import definition, go, ident, line, node

from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import text


def _resolved(source: str, name: str, nth: int) -> Definition | None:
    ctx = go(source)
    return ctx.resolve(ident(ctx, name, nth))


def _resolved_line(source: str, name: str, nth: int) -> int | None:
    found = _resolved(source, name, nth)
    return found.line if found is not None else None


# --- parameters, results, receivers -----------------------------------------------------------

SIGNATURE = """
    func (r *T) M(a, b int, _ string, c ...int) (n int, err error) {
        return len(c) + a + b + n, err
    }
"""


@pytest.mark.parametrize(("name", "kind"), [
    ("r", "receiver"), ("a", "param"), ("b", "param"), ("c", "param"),
    ("n", "result"), ("err", "result"),
])
def test_signature_names(name: str, kind: str) -> None:
    ctx = go(SIGNATURE)
    found = definition(ctx, name)
    assert found.kind == kind
    assert found.function == node(ctx, "method_declaration")
    uses = ctx.scopes(found.node).uses(found)
    assert [line(u) for u in uses] == ([] if name == "r" else [4])


def test_blank_parameter_and_type_only_parameters_define_nothing() -> None:
    ctx = go("func f(_ int, string) { _ = 1 }")
    scopes = ctx.scopes(node(ctx, "function_declaration"))
    assert scopes.definitions == []


def test_parameter_type_node() -> None:
    ctx = go("func f(t *testing.T, n int) { m := 1; var k int; _ = m + k }")
    assert text(definition(ctx, "t").type_node()) == "*testing.T"
    assert text(definition(ctx, "n").type_node()) == "int"
    assert definition(ctx, "m").type_node() is None
    assert text(definition(ctx, "k").type_node()) == "int"


# --- := redeclaration ---------------------------------------------------------------------------

REDECLARE = """
    func f() {
        a, err := g()
        b, err := h()
        use(a, b, err)
    }
"""


def test_short_redeclaration_reuses_the_definition() -> None:
    ctx = go(REDECLARE)
    scopes = ctx.scopes(node(ctx, "function_declaration"))
    assert [d.name for d in scopes.definitions] == ["a", "err", "b"]
    first = definition(ctx, "err")
    second = ident(ctx, "err", 1)
    assert scopes.definition_at(second) is first  # same variable
    assert scopes.resolve(second) is first
    assert [line(u) for u in scopes.uses(first)] == [5, 6]  # the second `err` is a use


def test_short_redeclaration_of_a_parameter_reuses_it() -> None:
    # Parameters live in the function's outermost block, so `:=` in the body assigns them.
    ctx = go("""
        func f(ctx context.Context) {
            ctx, cancel := context.WithCancel(ctx)
            use(ctx, cancel)
        }
    """)
    param = definition(ctx, "ctx")
    assert param.kind == "param"
    scopes = ctx.scopes(param.node)
    assert [d.name for d in scopes.definitions] == ["ctx", "cancel"]
    assert [line(u) for u in scopes.uses(param)] == [4, 4, 5]


def test_short_redeclaration_in_inner_block_is_new() -> None:
    ctx = go("""
        func f() {
            a, err := g()
            if a {
                b, err := h()
                use(b, err)
            }
            use(err)
        }
    """)
    outer, inner = definition(ctx, "err"), definition(ctx, "err", 1)
    assert (outer.line, inner.line) == (4, 6)
    scopes = ctx.scopes(outer.node)
    assert [line(u) for u in scopes.uses(inner)] == [7]
    assert [line(u) for u in scopes.uses(outer)] == [9]


def test_short_redeclaration_in_if_body_is_new_despite_if_init() -> None:
    # The if's implicit block (its initialiser) is not the block of its body.
    ctx = go("""
        func f() {
            if x := g(); c {
                x, y := h()
                use(x, y)
            }
        }
    """)
    scopes = ctx.scopes(ident(ctx, "x"))
    assert [(d.name, d.line) for d in scopes.definitions] == [("x", 4), ("x", 5), ("y", 5)]


def test_short_redeclaration_in_closure_body_reuses_its_parameter() -> None:
    ctx = go("""
        func f() {
            g := func(err error) {
                x, err := h()
                use(x, err)
            }
            use(g)
        }
    """)
    param = definition(ctx, "err")
    assert param.kind == "param"
    assert [d.name for d in ctx.scopes(param.node).definitions] == ["g", "err", "x"]


# --- shadowing in blocks ------------------------------------------------------------------------

# Each snippet declares an outer x on line 4 and shadows it with an inner one.
SHADOWING = {
    "if": """
        func f() {
            x := 1
            if c {
                x := 2
                use(x)
            }
            use(x)
        }
    """,
    "if-init": """
        func f() {
            x := 1
            if x := 2; x > 0 {
                use(x)
            } else {
                use(x)
            }
            use(x)
        }
    """,
    "else": """
        func f() {
            x := 1
            if c {
            } else {
                x := 2
                use(x)
            }
            use(x)
        }
    """,
    "else-if": """
        func f() {
            x := 1
            if c {
            } else if x := 2; c {
                use(x)
            }
            use(x)
        }
    """,
    "for": """
        func f() {
            x := 1
            for x := 0; x < 3; x++ {
                use(x)
            }
            use(x)
        }
    """,
    "range": """
        func f(xs []int) {
            x := 1
            for _, x := range xs {
                use(x)
            }
            use(x)
        }
    """,
    "switch-init": """
        func f() {
            x := 1
            switch x := 2; x {
            case 1:
                use(x)
            }
            use(x)
        }
    """,
    "case": """
        func f() {
            x := 1
            switch {
            case c:
                x := 2
                use(x)
            default:
                use(x)
            }
            use(x)
        }
    """,
    "select-case": """
        func f(ch chan int) {
            x := 1
            select {
            case x := <-ch:
                use(x)
            default:
                use(x)
            }
            use(x)
        }
    """,
    "var": """
        func f() {
            x := 1
            {
                var x int
                use(x)
            }
            use(x)
        }
    """,
}

# (snippet, nth occurrence of x) -> line of the definition it resolves to
SHADOW_CASES = [
    ("if", 2, 6), ("if", 3, 4),
    ("if-init", 2, 5), ("if-init", 3, 5), ("if-init", 4, 5), ("if-init", 5, 4),
    ("else", 2, 7), ("else", 3, 4),
    ("else-if", 2, 6), ("else-if", 3, 4),
    ("for", 2, 5), ("for", 3, 5), ("for", 4, 5), ("for", 5, 4),
    ("range", 2, 5), ("range", 3, 4),
    ("switch-init", 2, 5), ("switch-init", 3, 5), ("switch-init", 4, 4),
    ("case", 2, 7), ("case", 3, 4), ("case", 4, 4),
    ("select-case", 2, 6), ("select-case", 3, 4), ("select-case", 4, 4),
    ("var", 2, 6), ("var", 3, 4),
]


@pytest.mark.parametrize(("snippet", "nth", "expected"), SHADOW_CASES,
                         ids=[f"{s}-{n}" for s, n, _ in SHADOW_CASES])
def test_shadowing(snippet: str, nth: int, expected: int) -> None:
    assert _resolved_line(SHADOWING[snippet], "x", nth) == expected


def test_inner_x_from_outer_x() -> None:
    source = """
        func f() {
            x := 1
            {
                x := x + 1
                use(x)
            }
        }
    """
    ctx = go(source)
    scopes = ctx.scopes(ident(ctx, "x"))
    inner = definition(ctx, "x", 1)
    assert _resolved_line(source, "x", 1) == 6  # the defining occurrence
    assert _resolved_line(source, "x", 2) == 4  # `x + 1` reads the outer x
    assert _resolved_line(source, "x", 3) == 6
    assert [line(u) for u in scopes.uses(definition(ctx, "x"))] == [6]
    assert [line(u) for u in scopes.uses(inner)] == [7]


def test_var_initialiser_reads_outer() -> None:
    source = "func f() {\n x := 1\n {\n var x = x\n use(x)\n }\n}"
    assert [_resolved_line(source, "x", n) for n in range(4)] == [4, 6, 4, 6]


def test_use_before_declaration_is_not_local() -> None:
    source = "func f() {\n use(x)\n x := 1\n use(x)\n}"
    assert _resolved_line(source, "x", 0) is None
    assert _resolved_line(source, "x", 2) == 5


def test_range_variables() -> None:
    source = """
        func f(m map[string]int) {
            for k, v := range m {
                use(k, v)
            }
            for k = range m {
            }
        }
    """
    ctx = go(source)
    k, v = definition(ctx, "k"), definition(ctx, "v")
    assert (k.kind, v.kind) == ("range", "range")
    assert k.scope.type == "for_statement"
    assert ctx.resolve(ident(ctx, "k", 1)) is k
    assert ctx.resolve(ident(ctx, "k", 2)) is None  # `=` assigns an outer (here package) k


def test_range_expression_reads_outer() -> None:
    source = "func f(x []int) {\n for _, x := range x {\n use(x)\n }\n}"
    assert [_resolved_line(source, "x", n) for n in range(4)] == [3, 4, 3, 4]


def test_type_switch_alias() -> None:
    source = """
        func f(v any) {
            switch v := v.(type) {
            case int:
                use(v)
            case string, error:
                use(v)
            }
            use(v)
        }
    """
    ctx = go(source)
    alias = definition(ctx, "v", 1)
    assert alias.kind == "typeswitch"
    assert alias.line == 4
    assert [_resolved_line(source, "v", n) for n in range(6)] == [3, 4, 3, 4, 4, 3]


def test_receive_variables() -> None:
    source = """
        func f(ch chan int) {
            select {
            case v, ok := <-ch:
                use(v, ok)
            }
        }
    """
    ctx = go(source)
    assert definition(ctx, "v").kind == "recv"
    assert definition(ctx, "ok").kind == "recv"
    assert _resolved_line(source, "ok", 1) == 5


def test_const_and_var_blocks() -> None:
    source = """
        func f() {
            const (
                a = iota
                b
            )
            var (
                c    int
                d, e = 1, 2
            )
            use(a, b, c, d, e)
        }
    """
    ctx = go(source)
    assert [definition(ctx, n).kind for n in "abcde"] == ["const", "const", "var", "var", "var"]
    for n in "abcde":
        assert _resolved(source, n, 1) is not None


# --- closures -----------------------------------------------------------------------------------

CLOSURES = """
    func f(x int) {
        y := 1
        g := func(x string) {
            use(x, y)
            y = 2
        }
        go func() {
            use(x)
        }()
        use(g)
    }
"""


def test_closure_sees_outer_variables() -> None:
    ctx = go(CLOSURES)
    y = definition(ctx, "y")
    assert _resolved(CLOSURES, "y", 1) is not None
    assert [line(u) for u in ctx.scopes(y.node).uses(y)] == [6, 7]
    assert y.function == node(ctx, "function_declaration")


def test_closure_parameter_shadows_outer() -> None:
    ctx = go(CLOSURES)
    outer, inner = definition(ctx, "x"), definition(ctx, "x", 1)
    assert inner.kind == "param"
    assert inner.function == node(ctx, "func_literal")
    assert inner.scope == node(ctx, "func_literal")
    assert ctx.resolve(ident(ctx, "x", 2)) is inner
    assert ctx.resolve(ident(ctx, "x", 3)) is outer  # in the goroutine's literal
    assert ctx.scopes(inner.node) is ctx.scopes(outer.node)  # one table per outermost function


def test_package_level_closure_has_its_own_scopes() -> None:
    source = "var h = func(a int) int {\n b := a\n return b\n}"
    ctx = go(source)
    a = definition(ctx, "a")
    assert a.kind == "param"
    assert ctx.scopes(a.node).root == node(ctx, "func_literal")
    assert _resolved_line(source, "b", 1) == 4


# --- uses and package-level names ---------------------------------------------------------------

def test_uses_include_assignments_in_source_order() -> None:
    source = """
        func f() {
            var x int
            x = 1
            x++
            x += 2
            p := &x
            use(x, p)
        }
    """
    ctx = go(source)
    x = definition(ctx, "x")
    assert [line(u) for u in ctx.scopes(x.node).uses(x)] == [5, 6, 7, 8, 9]


PACKAGE_LEVEL = """
    var g = 1

    const k = 2

    func f() int {
        g = 3
        return g + k + len("x")
    }
"""


@pytest.mark.parametrize(("name", "nth"), [("g", 1), ("g", 2), ("k", 1), ("len", 0), ("f", 0)])
def test_package_level_names_resolve_to_none(name: str, nth: int) -> None:
    ctx = go(PACKAGE_LEVEL)
    assert ctx.resolve(ident(ctx, name, nth)) is None


def test_package_level_var_is_not_a_definition() -> None:
    ctx = go(PACKAGE_LEVEL)
    assert ctx.scopes(ident(ctx, "g")).definition_at(ident(ctx, "g")) is None
    assert ctx.scopes(node(ctx, "function_declaration")).definitions == []


def test_methods_have_separate_scopes() -> None:
    source = "func a() {\n x := 1\n use(x)\n}\n\nfunc b() {\n use(x)\n}"
    assert _resolved_line(source, "x", 1) == 4
    assert _resolved_line(source, "x", 2) is None


@pytest.mark.xfail(strict=True, reason="without types a struct literal key `T{x: 1}` cannot be "
                   "told from a map key, so it resolves to the local x")
def test_struct_literal_key_is_not_a_use() -> None:
    source = "func f() {\n x := 1\n _ = T{x: 2}\n}"
    assert _resolved(source, "x", 1) is None
