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
    """The repository's `.gitignore` files, at every level, as git reads them: a nested file's
    patterns are relative to its own directory and take precedence over its parents'. A file's
    ancestors' `.gitignore` files are read the first time a path below them is asked about, and
    each is rebased onto the repository root, so one last-match-wins spec answers for all
    levels (`sub/.gitignore`'s `x` is the root's `sub/**/x`, its `/x` or `a/x` is `sub/x` or
    `sub/a/x`)."""

    def __init__(self, repository: str) -> None:
        self.repository = os.path.abspath(repository)
        self.lines: list[str] = []
        self.read: set[str] = set()
        self.spec: Any = None

    def matches(self, path: str) -> bool:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, self.repository)
        if relative.startswith(".."):
            return False
        self._read_down_to(os.path.dirname(relative))
        return self.spec is not None and \
            self.spec.match_file(relative.replace(os.sep, "/"))

    def _read_down_to(self, relative_directory: str) -> None:
        parts = [part for part in relative_directory.split(os.sep) if part not in ("", ".")]
        added = False
        for depth in range(len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if prefix in self.read:
                continue
            self.read.add(prefix)
            for line in _pattern_lines(os.path.join(self.repository, *parts[:depth],
                                                    ".gitignore")):
                self.lines.append(_rebase(line, prefix))
                added = True
        if added:
            self.spec = _spec(self.lines)

    def __bool__(self) -> bool:
        return True


def gitignore(repository: str | None) -> GitignoreFiles | None:
    """What the repository's `.gitignore` files ignore (None outside a repository)."""
    return GitignoreFiles(repository) if repository is not None else None


def _pattern_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _rebase(line: str, prefix: str) -> str:
    """A pattern of ``prefix``'s `.gitignore`, as the same pattern in the root's."""
    if not prefix:
        return line
    negated = line.startswith("!")
    body = line[1:] if negated else line
    anchored = "/" in body.rstrip().rstrip("/")  # a slash before the end anchors it
    rebased = f"{prefix}/{body.lstrip('/')}" if anchored else f"{prefix}/**/{body}"
    return ("!" if negated else "") + rebased


def _spec(lines: list[str]) -> Any:
    """pathspec is imported only when there are patterns: it costs a tenth of a one-file run's
    start-up."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
