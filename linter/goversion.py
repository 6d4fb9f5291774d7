"""What the target Go version changes: the one place rules ask.

The version is the `go` line of the nearest go.mod (`toolchain` does not count: it names the
compiler, not the language and library semantics the module opted into), unless `--go` or the
config's `go` overrides it. Rules never compare version numbers themselves: they ask whether a
`Feature` holds for the file (``FileContext.has``). When the version is unknown a feature is
taken as absent (the older behaviour), and the run says once that it assumed so.
"""

from __future__ import annotations

from dataclasses import dataclass

Version = tuple[int, int]


@dataclass(frozen=True)
class Feature:
    name: str
    since: Version
    what: str  # for the run's one notification when the version had to be assumed

    @property
    def release(self) -> str:
        return f"Go {self.since[0]}.{self.since[1]}"

    def holds(self, version: Version | None) -> bool | None:
        """True or False when the version is known, None when it is not."""
        return None if version is None else version >= self.since


# Go 1.21: context.WithoutCancel, AfterFunc, WithDeadlineCause.
CONTEXT_WITHOUT_CANCEL = Feature(
    "context.WithoutCancel", (1, 21), "context.WithoutCancel is not suggested")
# Go 1.23: timers and tickers nobody references are collected even if never stopped (so
# time.Tick no longer leaks), and their channels are unbuffered: after Stop or Reset returns no
# stale value is received, and Stop returns false only when the value was already received.
TIMERS_COLLECTED = Feature(
    "timers collected", (1, 23),
    "timer rules (LG501-LG505) assume the pre-1.23 behaviour, where a timer or ticker that is "
    "never stopped is never collected")
# Go 1.25: sync.WaitGroup.Go counts the goroutine itself.
WAITGROUP_GO = Feature("sync.WaitGroup.Go", (1, 25), "wg.Go is not suggested")

FEATURES = (CONTEXT_WITHOUT_CANCEL, TIMERS_COLLECTED, WAITGROUP_GO)


def unknown_version_message(features: set[str], files: int) -> str:
    """The one notification of a run in which some file's Go version was unknown and a rule's
    finding depended on it."""
    told = "; ".join(f.what for f in FEATURES if f.name in features)
    where = "1 file" if files == 1 else f"{files} files"
    return (f"Go version unknown for {where} (no go.mod with a `go` line above them): {told}. "
            f"Set it with --go or `go = \"1.xx\"` in the config")
