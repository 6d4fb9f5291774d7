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

import pathspec


class PathPatterns:
    def __init__(self, patterns: Iterable[str], base: str) -> None:
        self.base = os.path.abspath(base)
        lines = [self._relative(p) for p in patterns]
        self.spec = pathspec.GitIgnoreSpec.from_lines([line for line in lines if line])

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
        return self.spec.match_file(relative.replace(os.sep, "/"))

    def __bool__(self) -> bool:
        return bool(self.spec.patterns)


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
    patterns = PathPatterns([], repository)
    patterns.spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return patterns if patterns else None
