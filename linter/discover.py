"""Which files to read: paths, `./...`, excludes, vendor/testdata handling, go.mod facts.

Symlinks are never followed out of the scanned root, and a link that cannot be resolved (a
loop, a dangling target) becomes a notification instead of an error.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from leakgate.findings import Level, Notification
from leakgate.paths import GitignoreFiles, PathPatterns, gitignore

_GO_DIRECTIVE = re.compile(rb"^go\s+([0-9]+)\.([0-9]+)", re.MULTILINE)


@dataclass
class Options:
    include_vendor: bool = False
    include_testdata: bool = False
    exclude: list[str] = field(default_factory=list)  # patterns relative to the working directory
    use_gitignore: bool = True  # leave out what the repository's .gitignore ignores
    # Globs from a configuration file mean the same wherever leakgate runs: relative to its dir.
    config_exclude: list[str] = field(default_factory=list)
    config_dir: str | None = None


@dataclass
class GoFile:
    display: str  # relative to the working directory when below it
    absolute: str
    go_version: tuple[int, int] | None
    # relative to the directory of the nearest go.mod (the display path without one): what
    # the module's own directory names say about the file (examples, demos) does not depend
    # on where the run starts
    in_module: str = ""


@dataclass
class Discovery:
    files: list[GoFile]
    notifications: list[Notification]
    root: str
    excluded: int = 0  # Go files found but left out (vendor/, testdata/, --exclude ...)


def display_path(absolute: str, cwd: str) -> str:
    relative = os.path.relpath(absolute, cwd)
    return printable(absolute if relative.startswith("..") else relative)


def printable(path: str) -> str:
    """A name that is not UTF-8 arrives with surrogate escapes, which no output can encode."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def parse_go_version(text: str) -> tuple[int, int]:
    """`1.21`, `1.21.3`, `go1.21` → (1, 21); ValueError otherwise."""
    match = re.fullmatch(r"(?:go)?([0-9]+)\.([0-9]+)(?:\.[0-9]+)?(?:rc[0-9]+)?", text.strip())
    if not match:
        raise ValueError(f"not a Go version: {text!r} (expected e.g. 1.22)")
    return int(match.group(1)), int(match.group(2))


class _GoModCache:
    def __init__(self) -> None:
        self._by_dir: dict[str, tuple[tuple[int, int] | None, str | None]] = {}

    def version_for(self, directory: str) -> tuple[int, int] | None:
        return self._nearest(directory)[0]

    def module_dir(self, directory: str) -> str | None:
        """The directory of the nearest go.mod at or above ``directory``."""
        return self._nearest(directory)[1]

    def _nearest(self, directory: str) -> tuple[tuple[int, int] | None, str | None]:
        chain = []
        current = directory
        result: tuple[tuple[int, int] | None, str | None] = (None, None)
        while True:
            if current in self._by_dir:
                result = self._by_dir[current]
                break
            chain.append(current)
            gomod = os.path.join(current, "go.mod")
            if os.path.isfile(gomod):
                result = (self._read(gomod), current)
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for visited in chain:
            self._by_dir[visited] = result
        return result

    @staticmethod
    def _read(gomod: str) -> tuple[int, int] | None:
        try:
            with open(gomod, "rb") as handle:
                match = _GO_DIRECTIVE.search(handle.read(1 << 20))
        except OSError:
            return None
        return (int(match.group(1)), int(match.group(2))) if match else None


def _skip_dir(name: str, options: Options) -> bool:
    if name.startswith((".", "_")):
        return True  # the go tool ignores these too
    if name == "vendor" and not options.include_vendor:
        return True
    return name == "testdata" and not options.include_testdata


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def repository_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` holding `.git` (a directory, or a file in
    a worktree or submodule): what code scanning resolves SARIF paths against."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def scan_root(paths: list[str], cwd: str) -> str:
    absolute = [os.path.abspath(os.path.join(cwd, p)) for p in paths]
    dirs = [p if os.path.isdir(p) else os.path.dirname(p) for p in absolute]
    return os.path.commonpath(dirs) if dirs else cwd


def discover(paths: list[str], options: Options, cwd: str | None = None) -> Discovery:
    cwd = cwd or os.getcwd()
    cleaned = []
    for path in paths or ["."]:
        if path == "..." or path.endswith("/..."):
            path = path[: -len("...")] or "."
        cleaned.append(path)
    root = scan_root(cleaned, cwd)
    real_root = os.path.realpath(root)
    gomods = _GoModCache()
    found: dict[str, GoFile] = {}
    notes: list[Notification] = []

    excluded = 0
    skips: list[PathPatterns | GitignoreFiles] = [PathPatterns(options.exclude, cwd)]
    if options.config_dir and options.config_exclude:
        skips.append(PathPatterns(options.config_exclude, options.config_dir))
    ignored = gitignore(repository_root(root)) if options.use_gitignore else None
    if ignored is not None:
        skips.append(ignored)

    def add(absolute: str) -> None:
        nonlocal excluded
        shown = display_path(absolute, cwd)
        if any(patterns.matches(absolute) for patterns in skips if patterns):
            excluded += 1
            return
        # A link and its target inside the root are one file: keep the target's own path.
        key = os.path.realpath(absolute)
        existing = found.get(key)
        if existing is None or (os.path.islink(existing.absolute)
                                and not os.path.islink(absolute)):
            directory = os.path.dirname(absolute)
            module = gomods.module_dir(directory)
            in_module = os.path.relpath(absolute, module).replace(os.sep, "/") \
                if module is not None else shown
            found[key] = GoFile(shown, absolute, gomods.version_for(directory), in_module)

    for path in cleaned:
        absolute = os.path.abspath(os.path.join(cwd, path))
        if os.path.isfile(absolute):
            if absolute.endswith(".go") and _in_skipped_directory(absolute, cwd, options):
                excluded += 1  # a named file gets the exclusions of a directory run
            elif absolute.endswith(".go"):
                add(absolute)
            else:
                notes.append(Notification(display_path(absolute, cwd), "not a .go file; skipped",
                                          Level.WARNING, blocks_analysis=False))
            continue
        if not os.path.isdir(absolute):
            problem = ("no such file or directory" if not os.path.lexists(absolute)
                       else _symlink_problem(absolute, real_root) if os.path.islink(absolute)
                       else None) or "not a regular file or directory"
            notes.append(Notification(printable(path), problem, Level.ERROR))
            continue
        for directory, dirnames, filenames in os.walk(absolute, followlinks=False,
                                                      onerror=lambda e: notes.append(Notification(
                                                          display_path(e.filename or "", cwd),
                                                          f"cannot read directory: {e.strerror}",
                                                          Level.ERROR))):
            keep = []
            for name in sorted(dirnames):
                full = os.path.join(directory, name)
                if _skip_dir(name, options):
                    continue
                if os.path.islink(full):
                    note = _symlink_problem(full, real_root)
                    if note:
                        notes.append(Notification(display_path(full, cwd), note, Level.WARNING,
                                                  blocks_analysis=False))
                    continue  # a link inside the root is scanned at its target
                keep.append(name)
            dirnames[:] = keep
            for name in sorted(filenames):
                if not name.endswith(".go"):
                    continue
                full = os.path.join(directory, name)
                if os.path.islink(full):
                    note = _symlink_problem(full, real_root)
                    if note:
                        notes.append(Notification(display_path(full, cwd), note, Level.WARNING,
                                                  blocks_analysis=False))
                        continue
                add(full)
    files = sorted(found.values(), key=lambda f: f.display)
    return Discovery(files, notes, root, excluded)


def _in_skipped_directory(absolute: str, cwd: str, options: Options) -> bool:
    """Whether a named file lies, below the working directory, in a directory a directory run
    skips (vendor/, testdata/, hidden or `_` directories): pre-commit names vendored files
    one by one."""
    relative = os.path.relpath(absolute, cwd)
    if relative.startswith(".."):
        return False
    parts = relative.split(os.sep)[:-1]
    return any(part not in (".", "..") and _skip_dir(part, options) for part in parts)


def _symlink_problem(path: str, real_root: str) -> str | None:
    try:
        os.stat(path)
    except OSError as error:
        return f"symbolic link not followed: {error.strerror or error}"
    target = os.path.realpath(path)
    if not _inside(target, real_root):
        return "symbolic link to outside the scanned root; not followed"
    return None
