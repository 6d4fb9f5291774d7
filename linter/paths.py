"""Path patterns, in one place: `--exclude`, the config's `exclude` and `per-path-ignores`, and
the repository's `.gitignore` all use gitignore semantics (pathspec's implementation, as black
and yamllint do): `*` stays within a directory, `**` crosses them, a pattern with a slash is
anchored at its base directory, `dir/` matches everything below `dir`. Patterns are relative
to a base: the working directory for the command line, the config file's directory for the
config, the repository root for `.gitignore`. `./tests` and absolute paths inside the base
are accepted too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any


class PathPatterns:
    def __init__(self, patterns: Iterable[str], base: str) -> None:
        self.base = os.path.abspath(base)
        lines = [line for line in (self._relative(p) for p in patterns) if line]
        self.spec: Any = _spec(lines) if lines else None

    def _relative(self, pattern: str) -> str:
        pattern = pattern.strip()
        if os.path.isabs(pattern):
            relative = os.path.relpath(pattern, self.base)
            if relative.startswith(".."):
                return ""  # outside the base: matches nothing here
            pattern = "/" + relative.replace(os.sep, "/")
        while pattern.startswith("./"):
            pattern = "/" + pattern[2:].lstrip("/")
        return pattern

    def matches(self, path: str) -> bool:
        """Whether ``path`` (absolute, or relative to the base) is matched."""
        absolute = path if os.path.isabs(path) else os.path.join(self.base, path)
        relative = os.path.relpath(absolute, self.base)
        if relative.startswith(".."):
            return False
        return self.spec is not None and self.spec.match_file(relative.replace(os.sep, "/"))

    def __bool__(self) -> bool:
        return self.spec is not None


def gitignore(repository: str | None) -> PathPatterns | None:
    """The patterns of the repository root's `.gitignore` (nested ones are not read)."""
    if repository is None:
        return None
    try:
        with open(os.path.join(repository, ".gitignore"), encoding="utf-8",
                  errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return None
    patterns = PathPatterns([], repository)
    patterns.spec = _spec(lines)
    return patterns


def _spec(lines: list[str]) -> Any:
    """pathspec is imported only when there are patterns: it costs a tenth of a one-file run's
    start-up."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
