"""Runs the selected rules over files, in parallel processes; output never depends on
scheduling because results are sorted before anything is written."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import stat
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from leakgate import suppress
from leakgate.context import FileContext
from leakgate.discover import GoFile
from leakgate.findings import Finding, Level, Notification, Rule
from leakgate.goversion import unknown_version_message
from leakgate.paths import PathPatterns
from leakgate.registry import all_rules
from leakgate.semantics.module import ModuleView, layout_of, project_root
from leakgate.semantics.package import PackageView, Unread
from leakgate.source import SourceFile, is_generated

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class Settings:
    rule_ids: tuple[str, ...]
    include_generated: bool = False
    levels: dict[str, Level] = field(default_factory=dict)
    go_override: tuple[int, int] | None = None
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    config_dir: str | None = None  # per-path-ignores globs are relative to it, not to the cwd


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    lines: int = 0
    analysed: bool = False
    skipped_generated: bool = False
    assumed: set[str] = field(default_factory=set)  # Go features taken as absent (unknown version)


@dataclass
class RunResult:
    findings: list[Finding]
    notifications: list[Notification]
    files_analyzed: int
    lines_analyzed: int
    suppressed_count: int
    skipped_generated: int


def _rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}


def analyze_source(source: SourceFile, rules: list[Rule],
                   go_version: tuple[int, int] | None) -> FileContext:
    """Run ``rules`` over one parsed file seen alone (a package of one file)."""
    ctx = FileContext(source, go_version)
    run_rules(ctx, rules)
    return ctx


def run_rules(ctx: FileContext, rules: list[Rule]) -> None:
    """Run ``rules`` over one file of a package; findings and notifications land on ``ctx``."""
    imported = ctx.imports
    for rule in rules:
        if rule.imports and not imported.imports_any(rule.imports):
            continue
        ctx.rule = rule
        ctx.findings.extend(rule.check(ctx) or ())
    ctx.rule = None


def _read(task: GoFile, result: FileResult, settings: Settings,
          data: bytes | None = None) -> SourceFile | None:
    """Read (unless ``data`` was read already) and parse one file, or say on ``result`` why
    it was not analysed."""
    notes = result.notifications
    try:
        # A pipe or device named *.go would block the run forever on open/read.
        if data is None and not stat.S_ISREG(os.stat(task.absolute).st_mode):
            notes.append(Notification(
                task.display, "not a regular file (pipe, socket or device); not analysed"))
            return None
        if data is None:
            with open(task.absolute, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        notes.append(Notification(task.display, f"cannot read file: {error.strerror or error}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        notes.append(Notification(
            task.display, f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; not analysed"))
        return None
    if b"\0" in data:
        notes.append(Notification(
            task.display, "binary file (contains NUL bytes), not Go source; not analysed"))
        return None
    if not settings.include_generated and is_generated(data):
        result.skipped_generated = True
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        notes.append(Notification(
            task.display, f"invalid UTF-8 at byte {error.start}; analysed anyway",
            Level.WARNING, blocks_analysis=False))
    source = SourceFile.parse(task.display, data)
    source.in_module = task.in_module
    if not source.package_name:
        notes.append(Notification(
            task.display, "no package clause: not a Go source file?", Level.WARNING,
            blocks_analysis=False))
    else:
        for skipped in source.skipped:
            notes.append(Notification(
                task.display, f"line {skipped.line}: `{skipped.name}` not analysed: "
                              f"{skipped.cause}; the rest of the file was",
                Level.WARNING, blocks_analysis=False, line=skipped.line, partial=True))
        if source.root.has_error:
            first = _first_error(source)
            notes.append(Notification(
                task.display, f"syntax errors{f' (first at line {first})' if first else ''}; "
                              f"analysed what parsed",
                Level.WARNING, blocks_analysis=False, line=first, partial=True))
    return source


def analyze_file(task: GoFile, settings: Settings) -> FileResult:
    """One file, linted as pre-commit does: the rest of its package is read for facts."""
    return analyze_package([task], settings)[0]


class _Directory:
    """The files of one directory, parsed one at a time as their rules run (a tree is queried
    while it is still warm in the cache). Each package name in the directory (a `package
    x_test` apart) gets one view, which parses the other files by name when a rule asks."""

    def __init__(self, tasks: list[GoFile], settings: Settings,
                 results: list[FileResult]) -> None:
        self.tasks = tasks
        self.settings = settings
        self.results = results
        self.parsed: dict[int, FileContext | None] = {}
        self.read: dict[int, bytes] = {}  # bytes a package question read before their turn
        self.released: dict[int, bytes] = {}  # released files' bytes, kept for facts
        self.views: dict[str, PackageView] = {}
        self._siblings: dict[str, bytes | None] = {}  # other files' bytes, read once per directory

    def context(self, index: int) -> FileContext | None:
        if index in self.parsed:
            return self.parsed[index]
        task = self.tasks[index]
        self.parsed[index] = None
        try:
            source = _read(task, self.results[index], self.settings, self.read.pop(index, None))
        except RecursionError:
            self.results[index].notifications.append(
                Notification(task.display, "too deeply nested; not analysed"))
            return None
        if source is None:
            return None
        ctx = FileContext(source, self.settings.go_override or task.go_version)
        view = self.views.get(source.package_name)
        if view is None:
            package = source.package_name
            view = self.views[package] = PackageView([], lambda: self._unread(package))
            view.directory = os.path.dirname(os.path.abspath(task.absolute))
            view.module = module_view(view.directory)
        view.add(ctx)
        ctx.package_view = view
        self.parsed[index] = ctx
        return ctx

    def release(self, index: int) -> None:
        """A file whose rules are done: drop its tree unless its package was asked about
        (kept trees cost memory and cache, and most packages never ask)."""
        ctx = self.parsed.get(index)
        if ctx is not None and not ctx.package_view.asked:
            task = self.tasks[index]
            data = ctx.source.data
            ctx.package_view.forget(ctx, Unread(task.absolute, data, partial(
                _facts, task.display, data, self.settings.go_override or task.go_version)))
            self.parsed[index] = None
            self.released[index] = data

    def _unread(self, package: str) -> list[Unread]:
        """The files of ``package`` not parsed now: named files still to come (parsed as the
        run would), released ones, and the directory's other files (for facts)."""
        found = []
        for index, task in enumerate(self.tasks):
            if index in self.parsed and index not in self.released:
                continue
            data = self.released[index] if index in self.released else \
                self.read[index] if index in self.read else _bytes_of(task.absolute)
            if data is None:
                continue
            if index not in self.released:
                self.read[index] = data  # the file's own turn reads these bytes
            if _package_clause(data) not in (package, None):
                continue
            if index in self.released:
                found.append(Unread(task.absolute, data, partial(
                    _facts, task.display, data, self.settings.go_override or task.go_version)))
            else:
                found.append(Unread(task.absolute, data, partial(self.context, index)))
        named = {os.path.basename(task.absolute) for task in self.tasks}
        named_real: set[str] | None = None  # only when a sibling is a link
        directory = os.path.dirname(self.tasks[0].absolute)
        go_version = self.settings.go_override or self.tasks[0].go_version
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            names = []
        for name in names:
            absolute = os.path.join(directory, name)
            if not name.endswith(".go") or name in named:
                continue
            if os.path.islink(absolute):
                if named_real is None:
                    named_real = {os.path.realpath(task.absolute) for task in self.tasks}
                if os.path.realpath(absolute) in named_real:
                    continue  # a link to a named file: read once
            if absolute not in self._siblings:
                self._siblings[absolute] = _bytes_of(absolute)
            data = self._siblings[absolute]
            if data is not None and _package_clause(data) in (package, None):
                found.append(Unread(absolute, data, partial(_facts, absolute, data, go_version)))
        return found


_PACKAGE_CLAUSE = re.compile(rb"^package[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


def _package_clause(data: bytes) -> str | None:
    match = _PACKAGE_CLAUSE.search(data)
    return match.group(1).decode() if match else None


def _bytes_of(path: str) -> bytes | None:
    """A regular file's bytes, if it can be read as Go source (for facts only)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_FILE_BYTES and b"\0" not in data else None


def directory_view(directory: str, go_version: tuple[int, int] | None = None,
                   cwd: str | None = None) -> PackageView:
    """The package view of the non-test files of one directory (for questions asked of a
    whole package, such as the delivery gate's service facts); files are named relative to
    ``cwd`` when given."""
    from leakgate.discover import display_path


    def load() -> list[Unread]:
        found = []
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            return []
        for name in names:
            path = os.path.join(directory, name)
            if not name.endswith(".go") or name.endswith("_test.go"):
                continue
            data = _bytes_of(path)
            if data is not None and not is_generated(data):
                shown = display_path(path, cwd) if cwd is not None else path
                found.append(Unread(path, data, partial(_facts, shown, data, go_version)))
        return found

    view = PackageView([], load)
    view.directory = os.path.abspath(directory)
    view.module = module_view(directory)
    return view


_MODULES: dict[str, ModuleView] = {}


def module_view(directory: str) -> ModuleView | None:
    """The module ``directory`` belongs to, one view per module for the whole run (its other
    packages are read when a question needs them, for facts only)."""
    layout = layout_of(directory)
    if layout is None:
        return None
    root = project_root(layout, directory)
    view = _MODULES.get(root)
    if view is None:
        view = _MODULES[root] = ModuleView(layout, root, directory_view)
    return view


def _facts(path: str, data: bytes, go_version: tuple[int, int] | None) -> FileContext:
    return FileContext(SourceFile.parse(path, data), go_version)


def analyze_package(tasks: list[GoFile], settings: Settings) -> list[FileResult]:
    """The files of one directory: each package in it is seen whole, the directory's other
    files read for facts, findings reported in ``tasks`` only."""
    by_id = _rules_by_id()
    rules = [by_id[rid] for rid in settings.rule_ids if rid in by_id]
    results = [FileResult(task.display) for task in tasks]
    directory = _Directory(tasks, settings, results)
    for index, task in enumerate(tasks):
        ctx = directory.context(index)
        if ctx is None:
            continue
        try:
            run_rules(ctx, rules)
            _finish(task, ctx, results[index], settings, by_id)
        except RecursionError:
            results[index] = FileResult(task.display, notifications=[
                Notification(task.display, "too deeply nested; not analysed")])
        except Exception as error:  # one file's bug never stops the run
            results[index] = FileResult(task.display, notifications=[Notification(
                task.display, f"internal error while analysing: {type(error).__name__}: {error}")])
        directory.release(index)
    return results


def _finish(task: GoFile, ctx: FileContext, result: FileResult, settings: Settings,
            by_id: dict[str, Rule]) -> None:
    """Levels, per-path ignores and suppressions for one analysed file."""
    source = ctx.source
    findings = ctx.findings
    for finding in findings:
        override = settings.levels.get(finding.rule_id)
        if override is not None:
            finding.level = override
    findings = _drop_per_path(findings, task.absolute, settings.config_dir or os.getcwd(),
                              settings.per_path_ignores, by_id)
    directives = suppress.parse_directives(source)
    findings, unused = suppress.apply(findings, directives, by_id, set(settings.rule_ids))
    if suppress.UNUSED_SUPPRESSION.id in settings.rule_ids:
        for finding in unused:
            finding.location = type(finding.location)(
                task.display, finding.location.line, finding.location.column,
                finding.location.end_line, finding.location.end_column)
            finding.line_text = source.line_text(finding.location.line)
            findings.append(finding)
    result.findings = findings
    result.notifications.extend(ctx.notifications)
    result.lines = source.line_count
    result.analysed = True
    # Only a finding that stayed tells the reader anything about the assumption.
    result.assumed = set(ctx.assumed) if findings else set()


def _first_error(source: SourceFile) -> int:
    """The line of the first syntax error (0 when tree-sitter flags one it cannot place)."""
    stack = [source.root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return int(node.start_point[0]) + 1
        if node.has_error:
            stack.extend(reversed(node.children))
    return 0


def _drop_per_path(findings: list[Finding], path: str, base: str,
                   table: dict[str, list[str]], rules: dict[str, Rule]) -> list[Finding]:
    """Findings left after the config's per-path-ignores (gitignore patterns relative to the
    config file's directory)."""
    if not table:
        return findings
    from leakgate.registry import matches

    ignored: list[str] = []
    for pattern, specs in table.items():
        if PathPatterns([pattern], base).matches(path):
            ignored.extend(specs)
    if not ignored:
        return findings
    return [f for f in findings if f.rule_id not in rules
            or not any(matches(spec, rules[f.rule_id]) for spec in ignored)]


def _worker(args: tuple[list[GoFile], Settings]) -> list[FileResult]:
    tasks, settings = args
    try:
        return analyze_package(tasks, settings)
    except Exception as error:  # a bug in the package view never stops the run
        return [FileResult(task.display, notifications=[Notification(
            task.display, f"internal error while analysing: {type(error).__name__}: {error}")])
            for task in tasks]


def _size(package: list[GoFile]) -> int:
    total = 0
    for task in package:
        try:
            total += os.path.getsize(task.absolute)
        except OSError:
            pass
    return total


def package_tasks(files: list[GoFile]) -> list[list[GoFile]]:
    """The files to analyse grouped by directory (a package and its tests), in order."""
    by_directory: dict[str, list[GoFile]] = {}
    for task in files:
        by_directory.setdefault(os.path.dirname(task.absolute), []).append(task)
    return list(by_directory.values())


def _fewer_collections() -> None:
    """The cyclic collector finds little in a lint run (trees are freed by reference counts)
    but its default trigger walks the growing set of live objects every 700 allocations:
    about 7% of a run over the standard library. Collect far less often."""
    gc.set_threshold(20_000, 20, 20)


def run(files: list[GoFile], settings: Settings, jobs: int, root: str) -> RunResult:
    # Largest packages first, so no worker is left with a big one at the end (the order of
    # the output does not depend on it: results are sorted).
    packages = sorted(package_tasks(files), key=_size, reverse=True)
    tasks = [(package, settings) for package in packages]
    if jobs > 1 and len(files) > 8 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_fewer_collections) as pool:
            batches = list(pool.map(_worker, tasks, chunksize=1))
    else:
        previous = gc.get_threshold()
        _fewer_collections()
        try:
            batches = [_worker(task) for task in tasks]
        finally:
            gc.set_threshold(*previous)
    results = [result for batch in batches for result in batch]
    findings: list[Finding] = []
    notifications: list[Notification] = []
    lines = analysed = generated = 0
    assumed: set[str] = set()
    assumed_in: list[str] = []
    for result in results:
        findings.extend(result.findings)
        notifications.extend(result.notifications)
        lines += result.lines
        analysed += result.analysed
        generated += result.skipped_generated
        if result.assumed:
            assumed |= result.assumed
            assumed_in.append(result.path)
    if assumed:
        notifications.append(Notification(
            min(assumed_in), unknown_version_message(assumed, len(assumed_in)), Level.NOTE,
            blocks_analysis=False))
    findings.sort(key=Finding.sort_key)
    assign_fingerprints(findings, root)
    notifications.sort(key=Notification.sort_key)
    suppressed = sum(1 for f in findings if f.suppressed_reason)
    return RunResult(findings, notifications, analysed, lines, suppressed, generated)


_SPACE = re.compile(r"\s+")


def assign_fingerprints(findings: list[Finding], root: str) -> None:
    """Stable across unrelated edits above a finding: rule, root-relative path, the normalised
    text of the line, the enclosing function, and an occurrence index among equal keys."""
    seen: Counter[str] = Counter()
    cwd = os.getcwd()
    for finding in findings:
        absolute = os.path.normpath(os.path.join(cwd, finding.location.path))
        relative = os.path.relpath(absolute, root).replace(os.sep, "/")
        normalized = _SPACE.sub(" ", finding.line_text.strip())
        key = hashlib.sha256("\0".join(
            (finding.rule_id, relative, normalized, finding.function)).encode()).hexdigest()[:20]
        seen[key] += 1
        finding.fingerprint = f"{key}:{seen[key]}"
