"""Path patterns, in one place: `--exclude`, the config's `exclude` and `per-path-ignores`, and
the repository's `.gitignore` all use gitignore semantics (pathspec's implementation, as black
and yamllint do): `*` stays within a directory, `**` crosses them, a pattern with a slash is
anchored at its base directory, `dir/` matches everything below `dir`. Patterns are relative
to a base: the working directory for the command line, the config file's directory for the
config, the directory of each `.gitignore`. `./tests` and absolute paths inside the base
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


class GitignoreFiles:
    """The repository's `.gitignore` files, at every level, as git reads them: a file's
    patterns are relative to its own directory, a deeper file's last matching pattern wins
    over its parents', and nothing below an ignored directory can be re-included (git does
    not even read the `.gitignore` files there). Each file is read, and compiled once, the
    first time a path below it is asked about."""

    def __init__(self, repository: str) -> None:
        self.repository = os.path.abspath(repository)
        self.specs: dict[str, Any] = {}  # "a/b" (posix, "" for the root) -> spec or None
        self.ignored_directories: dict[str, bool] = {}

    def matches(self, path: str) -> bool:
        relative = os.path.relpath(os.path.abspath(path), self.repository)
        if relative.startswith(".."):
            return False
        parts = relative.replace(os.sep, "/").split("/")
        for depth in range(1, len(parts)):
            if self._directory_ignored("/".join(parts[:depth])):
                return True
        return self._decide("/".join(parts), is_directory=False) is True

    def _directory_ignored(self, directory: str) -> bool:
        if directory not in self.ignored_directories:
            self.ignored_directories[directory] = \
                self._decide(directory, is_directory=True) is True
        return self.ignored_directories[directory]

    def _decide(self, path: str, is_directory: bool) -> bool | None:
        """The verdict of the deepest `.gitignore` above ``path`` with a pattern matching it
        (True ignored, False re-included), or None when no pattern matches."""
        parts = path.split("/")
        for depth in range(len(parts) - 1, -1, -1):
            prefix = "/".join(parts[:depth])
            spec = self._spec_of(prefix)
            if spec is None:
                continue
            below = "/".join(parts[depth:]) + ("/" if is_directory else "")
            verdict = spec.check_file(below).include
            if verdict is not None:
                return bool(verdict)
        return None

    def _spec_of(self, prefix: str) -> Any:
        if prefix not in self.specs:
            lines = _pattern_lines(os.path.join(self.repository, *prefix.split("/"),
                                                ".gitignore") if prefix else
                                   os.path.join(self.repository, ".gitignore"))
            self.specs[prefix] = _spec(lines) if lines else None
        return self.specs[prefix]

    def __bool__(self) -> bool:
        return True


def gitignore(repository: str | None) -> GitignoreFiles | None:
    """What the repository's `.gitignore` files ignore (None outside a repository)."""
    return GitignoreFiles(repository) if repository is not None else None


def _pattern_lines(path: str) -> list[str]:
    """The lines of one `.gitignore` (comments and blank lines are pathspec's to skip: a
    leading space is part of a pattern), without a byte-order mark."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return []
    lines = text.removeprefix("\ufeff").splitlines()
    return lines if any(line.strip() and not line.startswith("#") for line in lines) else []


def _spec(lines: list[str]) -> Any:
    """pathspec is imported only when there are patterns: it costs a tenth of a one-file run's
    start-up."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
