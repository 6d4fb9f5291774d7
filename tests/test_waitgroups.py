"""The WaitGroup questions of semantics/waitgroups.py: which struct types hold a group by value
(from the package's index of struct fields, and the types declared in the file's functions),
asked by name."""

from __future__ import annotations

from gosnippets import go

from leakgate.semantics.package import PackageView
from leakgate.semantics.waitgroups import holds_group, mentions_waitgroups

HOLDERS = """
import "sync"

type Direct struct{ wg sync.WaitGroup }
type Embedded struct{ sync.WaitGroup }
type Through struct{ d Direct }
type EmbeddedThrough struct{ Direct }
type Array struct{ a [2]Direct }
type Nested struct {
    inner struct{ wg sync.WaitGroup }
}
type Generic[T any] struct {
    wg sync.WaitGroup
    v  T
}
type Instance struct{ g Generic[int] }
"""

NOT_HOLDERS = """
type Pointer struct{ wg *sync.WaitGroup }
type EmbeddedPointer struct{ *sync.WaitGroup }
type EmbeddedHolderPointer struct{ *Direct }
type FieldNamedLikeHolder struct{ Direct *Direct }
type Slice struct{ s []sync.WaitGroup }
type Map struct{ m map[string]Direct }
type Chan struct{ c chan Direct }
type Func struct{ f func(sync.WaitGroup) }
type Comment struct {
    /* wg sync.WaitGroup */
    n int
}
"""


LOCAL = """
import "sync"

func run() {
    type job struct{ wg sync.WaitGroup }
    type ptr struct{ wg *sync.WaitGroup }
    _, _ = job{}, ptr{}
}
"""

NAMES = ["sync.WaitGroup", "Direct", "Embedded", "Through", "EmbeddedThrough", "Array",
         "Nested", "Generic", "Instance", "Pointer", "EmbeddedPointer",
         "EmbeddedHolderPointer", "FieldNamedLikeHolder", "Slice", "Map", "Chan", "Func",
         "Comment", "job", "ptr", "Undeclared", "other.Type"]


def _holders(*sources: str) -> frozenset[str]:
    files = [go(source, path=f"{chr(ord('a') + i)}.go") for i, source in enumerate(sources)]
    view = PackageView(files)
    for file in files:
        file.package_view = view
    if not mentions_waitgroups(files[0]):
        return frozenset()
    return frozenset(name for name in NAMES if holds_group(files[0], name))


def test_struct_types_holding_a_waitgroup_by_value() -> None:
    assert _holders(LOCAL, HOLDERS, NOT_HOLDERS) == frozenset({
        "sync.WaitGroup", "Direct", "Embedded", "Through", "EmbeddedThrough", "Array",
        "Nested", "Generic", "Instance", "job"})


def test_no_waitgroup_in_the_package_no_holders() -> None:
    assert _holders("type T struct{ n int }") == frozenset()
