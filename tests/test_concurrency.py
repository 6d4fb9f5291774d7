"""Channel and goroutine facts (semantics/concurrency.py)."""

from __future__ import annotations

import pytest
from gosnippets import go, node

from leakgate.semantics.concurrency import (
    CLOSE,
    ESCAPE,
    INSPECT,
    RANGE,
    RECEIVE,
    SEND,
    all_made_channels,
    channel_uses,
    goroutine_body,
    is_main_or_init,
    made_channels,
    nil_channel_definitions,
    started_in,
    started_once,
)


@pytest.mark.parametrize(("statement", "capacity"), [
    ("ch := make(chan int)", 0),
    ("ch := make(chan int, 0)", 0),
    ("ch := make(chan int, 3)", 3),
    ("ch := make(chan int, 1_0)", 10),
    ("ch := make(chan int, n)", None),
    ("var ch = make(chan struct{}, 1)", 1),
    ("ch := make(<-chan int)", 0),
])
def test_made_channels_and_capacity(statement: str, capacity: int | None) -> None:
    ctx = go(f"func f(n int) {{\n\t{statement}\n\t_ = ch\n}}\n")
    (channel,) = all_made_channels(ctx)
    assert channel.name == "ch" and channel.capacity == capacity
    assert channel.unbuffered == (capacity == 0)


@pytest.mark.parametrize("statement", [
    "ch := make([]int, 3)",  # not a channel
    "ch := make(map[int]int)",
    "a, ch := 1, make(chan int)",  # not the whole right-hand side
])
def test_not_made_channels(statement: str) -> None:
    ctx = go(f"func f() {{\n\t{statement}\n\t_ = ch\n}}\n")
    assert all_made_channels(ctx) == []


def test_shadowed_make_is_not_the_builtin() -> None:
    ctx = go("func f(make func(any) chan int) {\n\tch := make(chan int)\n\t_ = ch\n}\n")
    assert all_made_channels(ctx) == []


def test_made_channels_belong_to_their_function() -> None:
    ctx = go("func f() {\n\ta := make(chan int)\n\tgo func() {\n\t\tb := make(chan int)\n"
             "\t\t_ = b\n\t}()\n\t_ = a\n}\n")
    outer = node(ctx, "function_declaration")
    literal = node(ctx, "func_literal")
    assert [c.name for c in made_channels(ctx, outer)] == ["a"]
    assert [c.name for c in made_channels(ctx, literal)] == ["b"]


def test_channel_uses_are_classified() -> None:
    ctx = go("""
        func f(sink func(chan int)) int {
            ch := make(chan int, 1)
            ch <- 1
            v := <-ch
            for range ch {
            }
            select {
            case ch <- 2:
            case w := <-ch:
                v += w
            }
            _ = len(ch)
            close(ch)
            sink(ch)
            go func() { ch <- 3 }()
            return v
        }
        """)
    (channel,) = all_made_channels(ctx)
    uses = channel_uses(ctx, channel)
    assert [u.kind for u in uses] == [SEND, RECEIVE, RANGE, SEND, RECEIVE, INSPECT, CLOSE,
                                      ESCAPE, SEND]
    in_select = [u.in_select is not None for u in uses]
    assert in_select == [False, False, False, True, True, False, False, False, False]
    assert uses[-1].function is not None and uses[-1].function.type == "func_literal"


def test_nil_channel_definitions() -> None:
    ctx = go("func f() {\n\tvar a chan int\n\tvar b = make(chan int)\n\tvar c, d chan int\n"
             "\t_, _, _, _ = a, b, c, d\n}\n\nvar pkg chan int\n")
    assert [d.name for d in nil_channel_definitions(ctx)] == ["a", "c", "d"]


def test_goroutine_bodies_and_where_they_start() -> None:
    ctx = go("""
        func worker() {}

        func f() {
            go func() {}()
            go worker()
            go (func() {})()
            go unknown()
            func() {
                go worker()
            }()
        }
        """)
    outer = node(ctx, "function_declaration", "func f")
    started = started_in(ctx, outer)
    assert len(started) == 4
    bodies = [goroutine_body(ctx, g) for g in started]
    assert [b.type if b is not None else None for b in bodies] == [
        "func_literal", "function_declaration", "func_literal", None]


@pytest.mark.parametrize(("source", "expected"), [
    ("package main\n\nfunc main() {\n\tgo func() {}()\n}\n", True),
    ("package p\n\nfunc init() {\n\tgo func() {}()\n}\n", True),
    ("package p\n\nfunc main() {\n\tgo func() {}()\n}\n", False),  # not package main
    ("package main\n\nfunc run() {\n\tgo func() {}()\n}\n", False),
])
def test_is_main_or_init(source: str, expected: bool) -> None:
    ctx = go(source)
    assert is_main_or_init(ctx, node(ctx, "go_statement")) is expected


@pytest.mark.parametrize(("body", "expected"), [
    ("\tonce.Do(func() {\n\t\tgo loop()\n\t})\n", True),
    ("\tif started == 0 {\n\t\tstarted = 1\n\t\tgo loop()\n\t}\n", True),
    ("\tif ready != nil {\n\t\treturn\n\t}\n\tgo loop()\n", True),
    ("\tfor workers < limit {\n\t\tgo loop()\n\t\tworkers++\n\t}\n", True),
    ("\tgo loop()\n", False),
    ("\tlocal := 0\n\tif local == 0 {\n\t\tgo loop()\n\t}\n", False),
    ("\tif check() {\n\t\tgo loop()\n\t}\n", False),  # a call, not state
    ("\tgo loop()\n\tif started == 0 {\n\t}\n", False),  # the check comes after
])
def test_started_once(body: str, expected: bool) -> None:
    ctx = go("type o struct{}\n\nfunc (o) Do(f func()) { f() }\n\nvar once o\nvar started, "
             "workers, limit int\nvar ready chan int\n\nfunc loop()        {}\nfunc check() bool "
             "{ return true }\n\nfunc start() {\n" + body + "}\n")
    assert started_once(ctx, node(ctx, "go_statement")) is expected
