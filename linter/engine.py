"""Runs the selected rules over files, in parallel processes; output never depends on
scheduling because results are sorted before anything is written."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import stat
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from leakgate import suppress
from leakgate.context import FileContext
from leakgate.discover import GoFile
from leakgate.findings import Finding, Level, Notification, Rule
from leakgate.registry import all_rules
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
    """Run ``rules`` over one parsed file; findings and notifications land on the context."""
    ctx = FileContext(source, go_version)
    imported = ctx.imports
    for rule in rules:
        if rule.imports and not imported.imports_any(rule.imports):
            continue
        ctx.rule = rule
        ctx.findings.extend(rule.check(ctx) or ())
    ctx.rule = None
    return ctx


def analyze_file(task: GoFile, settings: Settings) -> FileResult:
    result = FileResult(task.display)
    try:
        # A pipe or device named *.go would block the run forever on open/read.
        if not stat.S_ISREG(os.stat(task.absolute).st_mode):
            result.notifications.append(Notification(
                task.display, "not a regular file (pipe, socket or device); not analysed"))
            return result
        with open(task.absolute, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        result.notifications.append(Notification(
            task.display, f"cannot read file: {error.strerror or error}"))
        return result
    if len(data) > MAX_FILE_BYTES:
        result.notifications.append(Notification(
            task.display, f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; not analysed"))
        return result
    if b"\0" in data:
        result.notifications.append(Notification(
            task.display, "binary file (contains NUL bytes), not Go source; not analysed"))
        return result
    if not settings.include_generated and is_generated(data):
        result.skipped_generated = True
        return result
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        result.notifications.append(Notification(
            task.display, f"invalid UTF-8 at byte {error.start}; analysed anyway",
            Level.WARNING, blocks_analysis=False))
    source = SourceFile.parse(task.display, data)
    if not source.package_name:
        result.notifications.append(Notification(
            task.display, "no package clause: not a Go source file?", Level.WARNING,
            blocks_analysis=False))
    elif source.root.has_error:
        result.notifications.append(Notification(
            task.display, f"syntax errors{_first_error(source)}; analysed what parsed",
            Level.WARNING, blocks_analysis=False))
    by_id = _rules_by_id()
    rules = [by_id[rid] for rid in settings.rule_ids if rid in by_id]
    go_version = settings.go_override or task.go_version
    ctx = analyze_source(source, rules, go_version)
    findings = ctx.findings
    for finding in findings:
        override = settings.levels.get(finding.rule_id)
        if override is not None:
            finding.level = override
    relative = os.path.relpath(task.absolute, settings.config_dir) if settings.config_dir \
        else task.display
    findings = _drop_per_path(findings, relative, settings.per_path_ignores, by_id)
    directives = suppress.parse_directives(source, ctx.find("comment"))
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
    result.lines = len(source.line_starts)
    result.analysed = True
    return result


def _first_error(source: SourceFile) -> str:
    stack = [source.root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return f" (first at line {node.start_point[0] + 1})"
        if node.has_error:
            stack.extend(reversed(node.children))
    return ""


def _drop_per_path(findings: list[Finding], path: str, table: dict[str, list[str]],
                   rules: dict[str, Rule]) -> list[Finding]:
    if not table:
        return findings
    from leakgate.registry import matches

    posix = path.replace(os.sep, "/")
    ignored: list[str] = []
    for glob, specs in table.items():
        if fnmatch.fnmatch(posix, glob) or posix.startswith(glob.rstrip("/") + "/"):
            ignored.extend(specs)
    if not ignored:
        return findings
    return [f for f in findings if f.rule_id not in rules
            or not any(matches(spec, rules[f.rule_id]) for spec in ignored)]


def _worker(args: tuple[GoFile, Settings]) -> FileResult:
    task, settings = args
    try:
        return analyze_file(task, settings)
    except RecursionError:
        result = FileResult(task.display)
        result.notifications.append(Notification(task.display, "too deeply nested; not analysed"))
        return result
    except Exception as error:  # one file's bug never stops the run
        result = FileResult(task.display)
        result.notifications.append(Notification(
            task.display, f"internal error while analysing: {type(error).__name__}: {error}"))
        return result


def run(files: list[GoFile], settings: Settings, jobs: int, root: str) -> RunResult:
    tasks = [(task, settings) for task in files]
    if jobs > 1 and len(tasks) > 8:
        chunk = max(1, min(64, len(tasks) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_worker, tasks, chunksize=chunk))
    else:
        results = [_worker(task) for task in tasks]
    findings: list[Finding] = []
    notifications: list[Notification] = []
    lines = analysed = generated = 0
    for result in results:
        findings.extend(result.findings)
        notifications.extend(result.notifications)
        lines += result.lines
        analysed += result.analysed
        generated += result.skipped_generated
    findings.sort(key=Finding.sort_key)
    assign_fingerprints(findings, root)
    notifications.sort(key=lambda n: (n.path, n.message))
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
