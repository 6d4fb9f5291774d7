"""Integer constant folding, as the package index (its constants) and the timer rules (a
duration's nanoseconds) each ask it."""

from __future__ import annotations

from gosnippets import go, node

from leakgate.semantics.package import PackageView
from leakgate.semantics.timers import constant_duration


def test_package_constants_fold_arithmetic_to_a_depth() -> None:
    def nested(ones: int) -> str:  # `(1 + (1 + (1)))`: ones - 1 additions, each inside the last
        return " + ".join(["(1"] * ones) + ")" * ones

    file = go(f"""
    const (
        kib     = 1 << 10
        mixed   = (kib - 24) * 2 + 1_000
        wide    = 1 << 64
        octal   = 017
        divided = 8 / 2
        eight   = {nested(9)}
        nine    = {nested(10)}
    )
    """)
    view = PackageView([file])
    assert view.constant("kib") == 1024
    assert view.constant("mixed") == 3000
    assert view.constant("wide") is None  # a shift Go would reject or overflow
    assert view.constant("octal") is None  # not read as Python reads it
    assert view.constant("divided") is None
    assert view.constant("eight") == 9  # the last addition's operands are literals
    assert view.constant("nine") is None  # an addition 8 levels down is not folded


def test_durations_are_time_units_and_their_products() -> None:
    file = go("""
    import "time"

    var a = time.After(100 * time.Millisecond)
    var b = time.After(time.Duration(500) * time.Microsecond)
    var c = time.After(time.Millisecond + time.Millisecond)
    var d = time.After(2 * (time.Minute))
    """)

    def duration(prefix: str) -> int | None:
        arguments = node(file, "call_expression", prefix).child_by_field_name("arguments")
        assert arguments is not None
        return constant_duration(file, arguments.named_children[0])

    assert duration("time.After(100") == 100 * 10**6
    assert duration("time.After(time.Duration") == 500 * 10**3
    assert duration("time.After(time.Millisecond +") is None  # only products are folded
    assert duration("time.After(2") == 120 * 10**9


def test_units_of_another_package_are_not_durations() -> None:
    file = go("""
    import time "example.com/clock"

    var a = time.After(time.Millisecond)
    """)
    arguments = node(file, "call_expression", "time.After").child_by_field_name("arguments")
    assert arguments is not None
    assert constant_duration(file, arguments.named_children[0]) is None
