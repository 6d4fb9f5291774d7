"""The data every stage passes along: rule metadata, findings and notifications."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leakgate.context import FileContext


class Level(enum.IntEnum):
    """SARIF levels, ordered so that a larger value is more severe."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown level {text!r} (allowed: error, warning, note)") from None


PRECISIONS = ("very-high", "high", "medium", "low")


@dataclass(frozen=True)
class Location:
    """A span in a file. Lines are 1-based; columns are 1-based byte columns."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Related:
    """Another place that belongs to the same finding (the return that leaks a cancel)."""

    location: Location
    message: str


@dataclass(frozen=True)
class Fix:
    description: str
    # (start_byte, end_byte, replacement) edits on the file's bytes.
    edits: tuple[tuple[int, int, str], ...]


@dataclass
class Finding:
    rule_id: str
    message: str
    location: Location
    level: Level
    function: str = ""
    fix: Fix | None = None
    suppressed_reason: str | None = None
    fingerprint: str = ""
    line_text: str = ""
    baselined: bool = False  # accepted in the --baseline file: reported, but never fails
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.message)


@dataclass(frozen=True)
class Notification:
    """Something that went wrong with one file; the run goes on."""

    path: str
    message: str
    level: Level = Level.ERROR
    # True when the file could not be analysed at all (parse/read failure).
    blocks_analysis: bool = True
    line: int = 0  # the line it is about, when it is about one (a skipped declaration)
    # True when part of the file was not analysed (a skipped declaration, syntax errors):
    # findings there may be missing, so a gate cannot call the file checked.
    partial: bool = False

    @property
    def incomplete(self) -> bool:
        """The file, or part of it, was not analysed."""
        return self.blocks_analysis or self.partial

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.message)


# A check reports through ``ctx.report``; it may also return findings it built itself.
CheckFunction = Callable[["FileContext"], "Iterable[Finding] | None"]


@dataclass(frozen=True)
class Rule:
    """A rule: metadata plus one check function.

    ``imports`` lets the engine skip a file cheaply, like go vet passes that bail out when the
    package they are about is not imported: the rule runs only if the file imports one of them.
    """

    id: str
    name: str
    summary: str
    help: str
    level: Level
    precision: str
    tags: tuple[str, ...]
    check: CheckFunction
    imports: frozenset[str] = field(default_factory=frozenset)
    default: bool = True  # runs unless selected away; opt-in rules run only when selected

    @property
    def family(self) -> str:
        return self.id[:3]


def rule(*, id: str, name: str, summary: str, level: Level, precision: str,
         tags: tuple[str, ...], help: str | None, imports: Iterable[str] = (),
         default: bool = True) -> Callable[[CheckFunction], Rule]:
    """Declare a rule next to its check: `@rule(id="LG601", ..., help=__doc__)` over
    `def check(ctx)`. A built-in rule's help is its module's docstring, in the fixed sections
    What it does, Why is this bad?, Example, Use instead, Notes, Suppress."""

    def wrap(check: CheckFunction) -> Rule:
        text = (help or "").strip() + "\n"
        return Rule(id=id, name=name, summary=summary, help=text, level=level,
                    precision=precision, tags=tags, check=check, imports=frozenset(imports),
                    default=default)

    return wrap
