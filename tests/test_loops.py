"""How a loop can end (semantics/loops.py): the statements that leave it."""

from __future__ import annotations

import pytest
from gosnippets import go, line, node

from leakgate.semantics.loops import breaks_leaving_only_inner, loop_condition, loop_exits
from leakgate.semantics.syntax import text


def _exit_lines(body: str) -> list[int]:
    ctx = go('import "os"\n\nfunc f(ch chan int, done chan struct{}) {\n' + body + "}\n")
    loop = node(ctx, "for_statement")
    return [line(statement) for statement in loop_exits(ctx, loop)]


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("for {\n<-ch\n}\n", [], id="no-exit"),
    pytest.param("for {\nif <-ch == 0 {\nreturn\n}\n}\n", [8], id="return"),
    pytest.param("for {\nif <-ch == 0 {\nbreak\n}\n}\n", [8], id="break-the-loop"),
    pytest.param("for {\nselect {\ncase <-done:\nbreak\ncase <-ch:\n}\n}\n", [],
                 id="break-leaves-only-select"),
    pytest.param("for {\nswitch <-ch {\ncase 0:\nbreak\n}\n}\n", [], id="break-leaves-switch"),
    pytest.param("L:\nfor {\nselect {\ncase <-done:\nbreak L\n}\n}\n", [10],
                 id="labelled-break"),
    pytest.param("for {\nif <-ch == 0 {\npanic(0)\n}\n}\n", [8], id="panic"),
    pytest.param("for {\nif <-ch == 0 {\nos.Exit(1)\n}\n}\n", [8], id="os-exit"),
    pytest.param("for {\nif <-ch == 0 {\ngoto out\n}\n}\nout:\n", [8], id="goto-out"),
    pytest.param("for {\nin:\n<-ch\ngoto in\n}\n", [], id="goto-inside"),
    pytest.param("for {\nfor v := range ch {\nif v == 0 {\nbreak\n}\n}\n}\n", [],
                 id="break-of-inner-loop"),
    pytest.param("O:\nfor {\nfor v := range ch {\nif v == 0 {\ncontinue O\n}\n}\n}\n", [],
                 id="continue-own-label"),
    pytest.param("for {\ngo func() {\nreturn\n}()\n<-ch\n}\n", [], id="return-in-closure"),
])
def test_loop_exits(body: str, expected: list[int]) -> None:
    assert _exit_lines(body) == expected


def test_outer_continue_leaves_the_inner_loop() -> None:
    ctx = go("func f(ch chan int) {\nO:\n\tfor {\n\t\tfor {\n\t\t\tif <-ch == 0 {\n"
             "\t\t\t\tcontinue O\n\t\t\t}\n\t\t}\n\t}\n}\n")
    inner = node(ctx, "for_statement", nth=1)
    assert [line(s) for s in loop_exits(ctx, inner)] == [8]


def test_breaks_leaving_only_inner() -> None:
    ctx = go("func f(ch chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\t\tbreak\n"
             "\t\t}\n\t\tif len(ch) > 3 {\n\t\t\tbreak\n\t\t}\n\t}\n}\n")
    loop = node(ctx, "for_statement")
    assert [line(s) for s in breaks_leaving_only_inner(loop)] == [7]


@pytest.mark.parametrize(("header", "endless", "condition"), [
    ("for {", True, None),
    ("for ;; {", True, None),
    ("for ok {", False, "ok"),
    ("for ; ok; {", False, "ok"),
    ("for i := 0; i < 3; i++ {", False, None),
    ("for range ch {", False, None),
    ("for v := range ch {\n_ = v", False, None),
])
def test_loop_condition(header: str, endless: bool, condition: str | None) -> None:
    ctx = go("func f(ch chan int, ok bool) {\n" + header + "\n}\n}\n")
    found_endless, found_condition = loop_condition(node(ctx, "for_statement"))
    assert found_endless is endless
    assert (text(found_condition) if found_condition is not None else None) == condition
