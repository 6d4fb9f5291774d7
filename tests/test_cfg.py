"""The control-flow graph: which returns are reachable from a statement without passing a use.

Each snippet is the body of a function that defines `x := open()` and may `use(x)`; ``leak``
answers what `exit_avoiding` finds: the text of the return statement, "end" for falling off the
closing brace, or None when every path to a return uses x (or ends in panic, os.Exit ...).
"""

from __future__ import annotations

import textwrap

import pytest
from gosnippets import definition, go, node
from tree_sitter import Node

from leakgate.context import FileContext
from leakgate.semantics import cfg as cfg_module
from leakgate.semantics.cfg import CFG
from leakgate.semantics.syntax import text

PARAMS = "c, d bool, n int, xs []int, ch chan int, done chan struct{}, y any, " \
         "t *testing.T, r *bufio.Reader"


def body(statements: str, imports: str = "") -> str:
    inner = textwrap.indent(textwrap.dedent(statements).strip("\n"), "\t")
    header = f"import {imports}\n\n" if imports else ""
    return f"{header}func f({PARAMS}) int {{\n{inner}\n}}\n"


def _uses_of(ctx: FileContext, name: str):
    found = definition(ctx, name)
    positions = [use.start_byte for use in ctx.scopes(found.node).uses(found)]

    def uses(item: Node) -> bool:
        return any(item.start_byte <= p < item.end_byte for p in positions)

    return found, uses


def leak(statements: str, imports: str = "", name: str = "x") -> str | None:
    ctx = go(body(statements, imports))
    found, uses = _uses_of(ctx, name)
    graph = ctx.cfg(found.function)
    assert graph is not None
    exit_node = graph.exit_avoiding(found.statement, uses)
    if exit_node is None:
        return None
    if exit_node.type == "return_statement":
        return text(exit_node)
    assert exit_node == graph.body, exit_node
    return "end"


def can_return(statements: str, imports: str = "") -> bool:
    ctx = go(body(statements, imports))
    graph = ctx.cfg(node(ctx, "function_declaration"))
    assert graph is not None
    return graph.can_return()


# --- straight line and if -------------------------------------------------------------------

BASICS = {
    "used": ("x := open()\nuse(x)", None),
    "unused": ("x := open()\nother()", "end"),
    "used-after-return": ("x := open()\nreturn 1\nuse(x)", "return 1"),
    "returned": ("x := open()\nreturn x", None),  # the return itself counts
    "deferred": ("x := open()\ndefer x.Close()\nif c {\n\treturn 1\n}\nreturn 2", None),
    "deferred-late": ("x := open()\nif c {\n\treturn 1\n}\ndefer x.Close()\nreturn 2",
                      "return 1"),
    "if-else-both": ("x := open()\nif c {\n\tuse(x)\n} else {\n\tuse(x)\n}", None),
    "if-else-one": ("x := open()\nif c {\n\tuse(x)\n} else {\n\tother()\n}", "end"),
    "if-no-else": ("x := open()\nif c {\n\tuse(x)\n}", "end"),
    "if-return-early": ("x := open()\nif c {\n\treturn 1\n}\nuse(x)\nreturn 2", "return 1"),
    "if-return-used": ("x := open()\nif c {\n\tuse(x)\n\treturn 1\n}\nuse(x)\nreturn 2", None),
    "if-condition": ("x := open()\nif x.Ok() {\n\treturn 1\n}\nreturn 2", None),
    "if-init": ("x := open()\nif err := x.Err(); err != nil {\n\treturn 1\n}\nreturn 2",
                None),
    "else-if": ("x := open()\nif c {\n\tuse(x)\n} else if d {\n\tuse(x)\n} else {\n"
                "\treturn 1\n}\nreturn 2", "return 1"),
    "else-if-all": ("x := open()\nif c {\n\tuse(x)\n} else if d {\n\tuse(x)\n} else {\n"
                    "\tuse(x)\n}\nreturn 2", None),
    "nested-start": ("if c {\n\tx := open()\n\tif d {\n\t\treturn 1\n\t}\n\tuse(x)\n}\n"
                     "return 2", "return 1"),
    "closure-use": ("x := open()\nf := func() { use(x) }\nreturn 1", None),
}


@pytest.mark.parametrize(("statements", "expected"), BASICS.values(), ids=BASICS.keys())
def test_basics(statements: str, expected: str | None) -> None:
    assert leak(statements) == expected


# --- loops ----------------------------------------------------------------------------------

LOOPS = {
    "for-cond": ("x := open()\nfor c {\n\tuse(x)\n}", "end"),  # may run zero times
    "for-range": ("x := open()\nfor _, v := range xs {\n\tuse(x, v)\n}\nreturn 1", "return 1"),
    "for-range-uses-in-header": ("x := open()\nfor range x.Items() {\n}\nreturn 1", None),
    "for-clause-use-in-body": ("x := open()\nfor i := 0; i < n; i++ {\n\tuse(x)\n}\nreturn 1",
                               "return 1"),
    "for-clause-use-in-post": ("x := open()\nfor i := 0; i < n; x.Next() {\n}\nreturn 1",
                               "return 1"),  # the post statement runs only after the body
    "start-in-loop": ("for i := 0; i < n; i++ {\n\tx := open()\n\tuse(x)\n}\nreturn 1", None),
    "forever": ("x := open()\nfor {\n\twork()\n}", None),
    "forever-break": ("x := open()\nfor {\n\tif c {\n\t\tbreak\n\t}\n\tuse(x)\n}\nreturn 1",
                      "return 1"),
    "forever-break-after-use": ("x := open()\nfor {\n\tif c {\n\t\tuse(x)\n\t\tbreak\n\t}\n}\n"
                                "return 1", None),
    "forever-continue": ("x := open()\nfor {\n\tif c {\n\t\tcontinue\n\t}\n\tuse(x)\n"
                         "\treturn 1\n}", None),
    "continue-then-exit": ("x := open()\nfor i := 0; i < n; i++ {\n\tif c {\n\t\tcontinue\n"
                           "\t}\n\tuse(x)\n\treturn 1\n}\nreturn 2", "return 2"),
    "use-on-second-iteration": ("for {\n\tif c {\n\t\treturn 1\n\t}\n\tx := open()\n"
                                "\tuse(x)\n}", None),
    "inner-break": ("x := open()\nfor {\n\tfor {\n\t\tif c {\n\t\t\tbreak\n\t\t}\n"
                    "\t\tuse(x)\n\t\treturn 1\n\t}\n}\nreturn 2", None),
    "labelled-break": ("x := open()\nouter:\nfor {\n\tfor {\n\t\tif c {\n"
                       "\t\t\tbreak outer\n\t\t}\n\t\tuse(x)\n\t\treturn 1\n\t}\n}\nreturn 2",
                       "return 2"),
    "inner-continue": ("for i := 0; i < n; i++ {\n\tx := open()\n\tfor {\n\t\tif c {\n"
                       "\t\t\tcontinue\n\t\t}\n\t\tuse(x)\n\t\treturn 1\n\t}\n}\nreturn 2",
                       None),
    "labelled-continue": ("outer:\nfor i := 0; i < n; i++ {\n\tx := open()\n\tfor {\n"
                          "\t\tif c {\n\t\t\tcontinue outer\n\t\t}\n\t\tuse(x)\n"
                          "\t\treturn 1\n\t}\n}\nreturn 2", "return 2"),
    "labelled-continue-range": ("x := open()\nouter:\nfor range xs {\n\tfor {\n"
                                "\t\tcontinue outer\n\t}\n}\nreturn 2", "return 2"),
}


@pytest.mark.parametrize(("statements", "expected"), LOOPS.values(), ids=LOOPS.keys())
def test_loops(statements: str, expected: str | None) -> None:
    assert leak(statements) == expected


# --- goto -----------------------------------------------------------------------------------

GOTOS = {
    "forward-skips-use": ("x := open()\nif c {\n\tgoto out\n}\nuse(x)\nout:\nreturn 1",
                          "return 1"),
    "forward-skips-return": ("x := open()\ngoto ok\nreturn 1\nok:\nuse(x)\nreturn 2", None),
    "forward-to-use": ("x := open()\nif c {\n\tgoto ok\n}\nreturn 1\nok:\nuse(x)\nreturn 2",
                       "return 1"),
    "backward-loop": ("x := open()\nagain:\nif c {\n\tuse(x)\n\treturn 1\n}\ngoto again", None),
    "backward-loop-leaks": ("x := open()\nagain:\nif c {\n\treturn 1\n}\nuse(x)\ngoto again",
                            "return 1"),
    "backward-before-start": ("again:\nx := open()\nif c {\n\tgoto again\n}\nuse(x)\n"
                              "return 1", None),
}


@pytest.mark.parametrize(("statements", "expected"), GOTOS.values(), ids=GOTOS.keys())
def test_goto(statements: str, expected: str | None) -> None:
    assert leak(statements) == expected


# --- switch ---------------------------------------------------------------------------------

SWITCHES = {
    "default-all-use": ("x := open()\nswitch n {\ncase 1:\n\tuse(x)\ncase 2, 3:\n\tuse(x)\n"
                        "default:\n\tuse(x)\n}\nreturn 1", None),
    "no-default": ("x := open()\nswitch n {\ncase 1:\n\tuse(x)\ncase 2:\n\tuse(x)\n}\n"
                   "return 1", "return 1"),
    "default-first": ("x := open()\nswitch {\ndefault:\n\tuse(x)\ncase c:\n\tuse(x)\n}\n"
                      "return 1", None),
    "one-case-returns": ("x := open()\nswitch n {\ncase 1:\n\treturn 1\ndefault:\n\tuse(x)\n}"
                         "\nreturn 2", "return 1"),
    "empty-case": ("x := open()\nswitch n {\ncase 1:\ncase 2:\n\tuse(x)\ndefault:\n\tuse(x)\n}"
                   "\nreturn 1", "return 1"),
    "fallthrough": ("x := open()\nswitch n {\ncase 1:\n\tfallthrough\ncase 2:\n\tuse(x)\n"
                    "default:\n\tuse(x)\n}\nreturn 1", None),
    "fallthrough-into-default": ("x := open()\nswitch n {\ncase 1:\n\tuse(x)\ndefault:\n"
                                 "\tfallthrough\ncase 2:\n\tuse(x)\n}\nreturn 1", None),
    "case-value-uses": ("x := open()\nswitch n {\ncase x.N():\n}\nreturn 1", None),
    "tag-uses": ("x := open()\nswitch x.N() {\ncase 1:\n}\nreturn 1", None),
    "break-leaves-switch": ("x := open()\nswitch n {\ncase 1:\n\tif c {\n\t\tbreak\n\t}\n"
                            "\tuse(x)\ndefault:\n\tuse(x)\n}\nreturn 1", "return 1"),
    "type-switch": ("x := open()\nswitch v := y.(type) {\ncase int:\n\tuse(x, v)\n"
                    "case string:\n\treturn 1\ndefault:\n\tuse(x)\n}\nreturn 2", "return 1"),
    "type-switch-all": ("x := open()\nswitch y.(type) {\ncase int, uint:\n\tuse(x)\n"
                        "case nil:\n\tuse(x)\ndefault:\n\tuse(x)\n}\nreturn 2", None),
    "type-switch-no-default": ("x := open()\nswitch y.(type) {\ncase int:\n\tuse(x)\n}\n"
                               "return 2", "return 2"),
    "type-switch-on-x": ("x := open()\nswitch x.(type) {\ncase int:\n}\nreturn 2", None),
}


@pytest.mark.parametrize(("statements", "expected"), SWITCHES.values(), ids=SWITCHES.keys())
def test_switch(statements: str, expected: str | None) -> None:
    assert leak(statements) == expected


# --- select ---------------------------------------------------------------------------------

SELECTS = {
    "default-all-use": ("x := open()\nselect {\ncase <-done:\n\tuse(x)\ncase v := <-ch:\n"
                        "\tuse(x, v)\ndefault:\n\tuse(x)\n}\nreturn 1", None),
    "default-unused": ("x := open()\nselect {\ncase <-done:\n\tuse(x)\ndefault:\n}\n"
                       "return 1", "return 1"),
    "no-default-all-use": ("x := open()\nselect {\ncase <-done:\n\tuse(x)\ncase ch <- 1:\n"
                           "\tuse(x)\n}\nreturn 1", None),  # blocks until a case runs
    "communication-uses": ("x := open()\nselect {\ncase <-x.Done():\ncase ch <- x.N():\n}\n"
                           "return 1", None),
    "return-in-case": ("x := open()\nselect {\ncase <-done:\n\treturn 1\n"
                       "case v := <-ch:\n\tuse(x, v)\n}\nreturn 2", "return 1"),
    "empty-select": ("x := open()\nselect {}", None),  # blocks forever
    "break-leaves-select": ("x := open()\nselect {\ncase <-done:\n\tif c {\n\t\tbreak\n\t}\n"
                            "\tuse(x)\n}\nreturn 1", "return 1"),
    "break-in-loop": ("x := open()\nfor {\n\tselect {\n\tcase <-done:\n\t\tbreak\n\t}\n}\n"
                      "return 1", None),  # break leaves the select, not the loop
    "labelled-break-in-loop": ("x := open()\nloop:\nfor {\n\tselect {\n\tcase <-done:\n"
                               "\t\tbreak loop\n\tcase v := <-ch:\n\t\tuse(x, v)\n\t}\n}\n"
                               "return 1", "return 1"),
}


@pytest.mark.parametrize(("statements", "expected"), SELECTS.values(), ids=SELECTS.keys())
def test_select(statements: str, expected: str | None) -> None:
    assert leak(statements) == expected


# --- calls that never return ----------------------------------------------------------------

def _ends_path(call: str) -> str:
    """x is used on the path that returns; the other path ends in ``call``."""
    return f"x := open()\nif c {{\n\tuse(x)\n\treturn 1\n}}\n{call}"


NO_RETURN = {
    "panic": ('panic("boom")', "", None),
    "panic-parenthesised": ('(panic)("boom")', "", None),
    "os.Exit": ("os.Exit(1)", '"os"', None),
    "os.Exit-alias": ("sys.Exit(1)", 'sys "os"', None),
    "log.Fatal": ('log.Fatal("x")', '"log"', None),
    "log.Fatalf": ('log.Fatalf("%d", 1)', '"log"', None),
    "log.Panicln": ("log.Panicln()", '"log"', None),
    "log.Print": ('log.Print("x")', '"log"', "end"),
    "runtime.Goexit": ("runtime.Goexit()", '"runtime"', None),
    "syscall.Exit": ("syscall.Exit(2)", '"syscall"', None),
    "t.Fatal": ('t.Fatal("x")', '"testing"', None),
    "t.Fatalf": ('t.Fatalf("%d", 1)', '"testing"', None),
    "t.FailNow": ("t.FailNow()", '"testing"', None),
    "t.SkipNow": ("t.SkipNow()", '"testing"', None),
    "t.Skip": ("t.Skip()", '"testing"', None),
    "t.Skipf": ('t.Skipf("%d", 1)', '"testing"', None),
    "t.Error": ('t.Error("x")', '"testing"', "end"),
    "logger.Fatal": ('logger.Fatal("x")', "", None),  # every logger's Fatal
    "r.Skip": ("r.Skip(3)", '"bufio"', "end"),  # bufio.Reader.Skip returns
    "local.Skip": ("s := newSkipper()\ns.Skip(3)", "", "end"),
    "new-testing.Skip": ("new(testing.T).Skip()", '"testing"', None),
    "shadowed-panic": ("panic := func(string) {}\npanic(\"boom\")", "", "end"),
    "shadowed-os": ("os := newOS()\nos.Exit(1)", '"os"', "end"),
    "panic-then-unreachable-return": ('panic("boom")\nreturn 2', "", None),
}


@pytest.mark.parametrize(("call", "imports", "expected"), NO_RETURN.values(),
                         ids=NO_RETURN.keys())
def test_no_return_calls_end_a_path(call: str, imports: str, expected: str | None) -> None:
    assert leak(_ends_path(call), imports) == expected


def test_skip_on_testing_variable_declared_with_var() -> None:
    assert leak(_ends_path("var tb testing.TB = t\ntb.Skip()"), '"testing"') is None
    assert leak(_ends_path("var rd io.Reader = r\nrd.Skip()"), '"io"') == "end"


def test_shadowed_panic_in_outer_function_is_seen_by_closure() -> None:
    source = body("""
        panic := func(string) {}
        g := func() int {
            x := open()
            if c {
                use(x)
                return 1
            }
            panic("boom")
        }
        return g()
    """)
    ctx = go(source)
    found, uses = _uses_of(ctx, "x")
    graph = ctx.cfg(found.function)
    assert graph is not None
    assert graph.exit_avoiding(found.statement, uses) == graph.body


# --- can_return ------------------------------------------------------------------------------

CAN_RETURN = {
    "empty": ("", "", True),
    "forever": ("for {\n}", "", False),
    "forever-break": ("for {\n\tif c {\n\t\tbreak\n\t}\n}", "", True),
    "forever-return": ("for {\n\tif c {\n\t\treturn 1\n\t}\n}", "", True),
    "forever-switch-break": ("for {\n\tswitch {\n\tcase c:\n\t\tbreak\n\t}\n}", "", False),
    "forever-select-break": ("for {\n\tselect {\n\tcase <-ch:\n\t\tbreak\n\t}\n}", "", False),
    "labelled-break": ("L:\nfor {\n\tfor {\n\t\tbreak L\n\t}\n}", "", True),
    "self-goto": ("L:\ngoto L", "", False),
    "goto-out": ("for {\n\tgoto out\n}\nout:", "", True),
    "select-empty": ("select {}", "", False),
    "select-default": ("select {\ndefault:\n}", "", True),
    "panic": ("panic(1)", "", False),
    "panic-both-branches": ("if c {\n\tpanic(1)\n} else {\n\tpanic(2)\n}", "", False),
    "panic-one-branch": ("if c {\n\tpanic(1)\n}", "", True),
    "os.Exit": ("os.Exit(1)", '"os"', False),
    "t.Fatal": ('t.Fatal("x")', '"testing"', False),
    "range": ("for range xs {\n}", "", True),
}


@pytest.mark.parametrize(("statements", "imports", "expected"), CAN_RETURN.values(),
                         ids=CAN_RETURN.keys())
def test_can_return(statements: str, imports: str, expected: bool) -> None:
    assert can_return(statements, imports) is expected


# --- what the graph reports -------------------------------------------------------------------

def test_implicit_return_is_the_body_node() -> None:
    ctx = go(body("x := open()\nif c {\n\tuse(x)\n}"))
    found, uses = _uses_of(ctx, "x")
    graph = ctx.cfg(found.function)
    assert graph is not None
    exit_node = graph.exit_avoiding(found.statement, uses)
    assert exit_node == graph.body == found.function.child_by_field_name("body")
    assert exit_node.type == "block"
    assert exit_node.end_point[0] + 1 == 8  # the closing brace's line


def test_explicit_return_is_the_statement() -> None:
    ctx = go(body("x := open()\nif c {\n\treturn 7\n}\nuse(x)\nreturn 8"))
    found, uses = _uses_of(ctx, "x")
    graph = ctx.cfg(found.function)
    assert graph is not None
    assert graph.exit_avoiding(found.statement, uses) == node(ctx, "return_statement", "return 7")


def test_start_outside_the_graph() -> None:
    ctx = go(body("x := open()\nuse(x)") + "\nvar g = 1\n")
    graph = ctx.cfg(node(ctx, "function_declaration"))
    assert graph is not None
    assert graph.locate(node(ctx, "var_declaration")) is None
    assert graph.exit_avoiding(node(ctx, "var_declaration"), lambda _item: False) is None


def test_locate_finds_the_enclosing_item() -> None:
    ctx = go(body("x := open()\nif x.Ok() {\n\tuse(x)\n}"))
    graph = ctx.cfg(node(ctx, "function_declaration"))
    assert graph is not None
    condition = node(ctx, "if_statement").child_by_field_name("condition")
    block, index = graph.locate(node(ctx, "call_expression", "x.Ok"))
    assert block.items[index] == condition
    assert graph.locate(node(ctx, "if_statement")) is None  # compound statements are not items


DETERMINISTIC = """
    x := open()
    switch n {
    case 1:
        return 1
    case 2:
        return 2
    }
    if c {
        return 3
    }
    return 4
"""


def _shape(graph: CFG) -> list[tuple[str, list[int], list[str]]]:
    return [(block.kind, [s.index for s in block.succs], [text(i) for i in block.items])
            for block in graph.blocks]


def test_deterministic() -> None:
    results = set()
    shapes = []
    for _ in range(3):
        ctx = go(body(DETERMINISTIC))
        found, uses = _uses_of(ctx, "x")
        graph = ctx.cfg(found.function)
        assert graph is not None
        results.add(text(graph.exit_avoiding(found.statement, uses)))
        shapes.append(_shape(graph))
    assert results == {"return 1"}  # depth first, successors in source order
    assert shapes[0] == shapes[1] == shapes[2]


def test_cfg_is_cached_per_function() -> None:
    ctx = go(body("x := open()\nuse(x)"))
    function = node(ctx, "function_declaration")
    assert ctx.cfg(function) is ctx.cfg(function)


def test_function_literal_has_its_own_graph() -> None:
    ctx = go(body("g := func() int {\n\tx := open()\n\treturn 1\n}\nreturn g()"))
    found, uses = _uses_of(ctx, "x")
    assert found.function.type == "func_literal"
    graph = ctx.cfg(found.function)
    assert graph is not None
    assert text(graph.exit_avoiding(found.statement, uses)) == "return 1"
    outer = ctx.cfg(node(ctx, "function_declaration"))
    assert outer is not None
    located = outer.locate(found.statement)  # the outer graph holds the whole `g := func...`
    assert located is not None
    block, index = located
    assert block.items[index] == node(ctx, "short_var_declaration", "g :=")


def test_declaration_without_body() -> None:
    ctx = go("func external(n int) int\n")
    graph = ctx.cfg(node(ctx, "function_declaration"))
    assert graph is not None
    assert graph.body is None
    assert not graph.can_return()


# --- the nesting guard ----------------------------------------------------------------------

@pytest.mark.parametrize(("opening", "closing"), [
    ("{", "}"),
    ("if c {", "}"),
    ("for {", "}"),
    ("switch {\ncase c:", "}"),
    ("select {\ncase <-ch:", "}"),
    ("L: for { if c {", "} }"),
])
def test_deep_nesting_is_refused(opening: str, closing: str) -> None:
    depth = 300
    source = body("x := open()\n" + opening * depth + "\nuse(x)\n" + closing * depth)
    ctx = go(source)
    function = node(ctx, "function_declaration")
    assert ctx.cfg(function) is None
    assert len(ctx.notifications) == 1
    assert "not analysed" in ctx.notifications[0].message
    assert ctx.cfg(function) is None and len(ctx.notifications) == 1  # cached, told once


def test_nesting_below_the_guard_is_analysed() -> None:
    depth = cfg_module.MAX_NESTING // 4
    ctx = go(body("x := open()\n" + "if c {\n" * depth + "use(x)\n" + "}\n" * depth))
    found, uses = _uses_of(ctx, "x")
    graph = ctx.cfg(found.function)
    assert graph is not None
    assert graph.exit_avoiding(found.statement, uses) == graph.body
    assert ctx.notifications == []


@pytest.mark.parametrize(("statements", "reaches"), [
    ("x := open()\nuse(x)\nfor range ch {\n}\nreturn 0", False),  # used before the loop
    ("x := open()\nif c {\n\treturn 1\n}\nuse(x)\nfor range ch {\n}\nreturn 0", False),
    ("x := open()\nif c {\n\tuse(x)\n}\nfor range ch {\n}\nreturn 0", True),  # one branch skips
    ("x := open()\nfor range ch {\n\tuse(x)\n}\nreturn 0", True),  # the first pass is unused
    ("x := open()\nfor i := 0; i < n; i++ {\n\tif i > 0 {\n\t\tfor range ch {\n\t\t}\n\t}\n"
     "\tuse(x)\n}\nreturn 0", True),  # paths, not values: `i > 0` may hold the first time
])
def test_reaches_avoiding(statements: str, reaches: bool) -> None:
    """Whether the range over ch can be reached from `x := open()` without passing use(x)."""
    ctx = go(body(statements))
    found, uses = _uses_of(ctx, "x")
    graph = CFG(ctx.functions[0], ctx.never_returns)
    target = node(ctx, "range_clause")
    assert graph.reaches_avoiding(found.statement, target, uses) is reaches
