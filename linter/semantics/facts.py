"""Typed keys for the facts the package view computes once and keeps.

A key names a fact and carries the type of its value, so `view.fact(SERVES, compute)` is a
`bool` to the type checker with no cast at the call. A summary (a fact about one function) that
is computed under a depth limit takes the depth as part of its key (`DROPS.at(depth)`): the
answer at depth 2 is not the answer at depth 0, and a run must not depend on which was asked
first (a file linted alone asks in another order than its directory).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

# Covariant: a key of a `bool` fact is a key of an `object` fact (`bool(view.fact(...))`).
T = TypeVar("T", covariant=True)


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A fact about a whole package, of type ``T``."""

    name: str
    subject: str = ""

    def about(self, subject: str) -> Fact[T]:
        """The same fact about one name of the package (a field, a variable)."""
        return Fact(self.name, subject)


@dataclass(frozen=True)
class SummaryKey(Generic[T]):
    """A summary asked at one depth (and, for per-argument summaries, of one argument)."""

    name: str
    depth: int
    argument: int | None = None


@dataclass(frozen=True)
class Summary(Generic[T]):
    """A fact about one function of the package, of type ``T``, computed under a depth limit
    (how many calls down it follows)."""

    name: str

    def at(self, depth: int, argument: int | None = None) -> SummaryKey[T]:
        return SummaryKey(self.name, depth, argument)
