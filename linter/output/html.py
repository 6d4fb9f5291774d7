"""The HTML report and the gate's HTML page: one self-contained file (inline CSS, no script,
no fetch), readable offline and when e-mailed to a client.

Everything shown comes from contractor code — paths, messages quoting identifiers, source lines,
suppression reasons — so the templates autoescape every value (`autoescape=True`: the default
`select_autoescape()` does not cover `.j2` names) and the page's Content-Security-Policy allows
no script at all and only its own stylesheet (by hash), as a second wall.

This module turns a Report into plain view data; the templates under `templates/` only lay it
out. The gate page extends the same layout and reuses the findings macros.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, cast

from leakgate import __version__
from leakgate.docs import DOCS_URL
from leakgate.findings import Finding, Level, Notification, Rule
from leakgate.output import Report

if TYPE_CHECKING:
    from leakgate.gate import Verdict

CONTEXT_LINES = 2  # lines of source shown above and below a finding
MAX_LINE_CHARS = 240  # a minified or generated line is cut, not shown whole
MAX_RELATED = 10

FAMILIES = {
    "LG0": "Suppressions", "LG1": "Channels", "LG2": "Goroutine exit", "LG3": "sync.WaitGroup",
    "LG4": "Network resources", "LG5": "Timers", "LG6": "Context", "LG7": "Observability",
}

_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")

# A small Go lexer, for colour only (every character lands in some token). The group names
# are the CSS classes: comment, string, keyword, number.
_TOKEN = re.compile(r"""
    (?P<c>//.*|/\*.*?(?:\*/|$))
  | (?P<s>"(?:\\.|[^"\\])*"?|`[^`]*`?|'(?:\\.|[^'\\])*'?)
  | (?P<k>\b(?:break|case|chan|const|continue|default|defer|else|fallthrough|for|func|go
       |goto|if|import|interface|map|package|range|return|select|struct|switch|type|var)\b)
  | (?P<n>\b\d[\d_.xXa-fA-FeEpPi]*\b)
""", re.VERBOSE)


@dataclass
class SourceLine:
    number: int
    hit: bool
    tokens: list[tuple[str, str]]  # (css class or "", text)


@dataclass
class FindingView:
    anchor: str
    rule_id: str
    rule_name: str
    level: str
    line: int
    column: int
    message: list[tuple[bool, str]]  # (is code, text): `quoted` parts of the message are code
    fingerprint: str
    baselined: bool
    related: list[tuple[str, str]]  # (place, message)
    context: list[SourceLine]


@dataclass
class FileView:
    path: str
    anchor: str
    findings: list[FindingView]
    levels: dict[str, int]


@dataclass
class RuleView:
    id: str
    name: str
    level: str
    summary: str
    url: str
    # ("heading", str) | ("code", str) | ("text", message) | ("list", [message])
    help: list[tuple[str, object]]


@dataclass
class FamilyRow:
    prefix: str
    title: str
    levels: dict[str, int]
    total: int


@dataclass
class Page:
    """Everything the templates show, escaped by them."""

    title: str
    target: str
    version: str
    commit: str
    generated: str
    files_analyzed: int
    lines_analyzed: int
    levels: dict[str, int]
    families: list[FamilyRow]
    rule_counts: list[tuple[RuleView, int]]
    files: list[FileView]
    suppressions: list[tuple[str, str, str]]  # (place, rule, reason)
    not_analysed: list[tuple[str, str]]  # (place, why)
    other_notes: list[tuple[str, str]]
    rules: list[RuleView]
    baselined: int
    csp: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def rule_ids(self) -> set[str]:
        """The rules whose help is on the page (a link to another would go nowhere)."""
        return {rule.id for rule in self.rules}


def render(report: Report) -> str:
    """`check --format html`."""
    return _render("report.html.j2", page(report, "leakgate report"))


def render_gate(verdict: Verdict, report: Report, target: str) -> str:
    """`gate --format html`: the verdict, then the findings behind it, in the report's look."""
    view = page(report, "Delivery gate", target)
    anchors = {finding.fingerprint: finding.anchor for file in view.files
               for finding in file.findings}
    return _render("gate.html.j2", view, verdict=verdict, anchors=anchors)


def page(report: Report, title: str, target: str | None = None) -> Page:
    rules = {rule.id: rule for rule in report.rules}
    shown = [f for f in report.findings if not f.suppressed_reason]
    active = [f for f in shown if not f.baselined]
    suppressed = report.suppressed or [f for f in report.findings if f.suppressed_reason]
    sources = _Sources(report.working_directory,
                       cast("dict[str, str]", report.extra.get("files") or {}))
    files: list[FileView] = []
    by_path: dict[str, list[Finding]] = {}
    for finding in shown:
        by_path.setdefault(finding.location.path, []).append(finding)
    for index, (path, findings) in enumerate(by_path.items(), 1):
        views = [_finding_view(f"f{index}-{n}", finding, rules, sources)
                 for n, finding in enumerate(findings, 1)]
        files.append(FileView(path, f"f{index}", views,
                              _levels(f for f in findings if not f.baselined)))
    used = sorted({f.rule_id for f in [*shown, *suppressed]})
    rule_views = {rule_id: _rule_view(rules[rule_id]) for rule_id in used if rule_id in rules}
    counts = Counter(f.rule_id for f in active)
    families = []
    for prefix, family_title in FAMILIES.items():
        members = [f for f in active if f.rule_id.startswith(prefix)]
        if members:
            families.append(FamilyRow(prefix, family_title, _levels(members), len(members)))
    return Page(
        title=title,
        target=_target(target, report),
        version=__version__,
        commit=_git_commit(report.root),
        generated=_generated(),
        files_analyzed=report.files_analyzed,
        lines_analyzed=report.lines_analyzed,
        levels=_levels(active),
        families=families,
        rule_counts=[(rule_views[rule_id], n) for rule_id, n in sorted(counts.items())
                     if rule_id in rule_views],
        files=files,
        suppressions=[(f"{f.location.path}:{f.location.line}", f.rule_id,
                       f.suppressed_reason or "") for f in suppressed],
        not_analysed=[(_place(n), n.message) for n in report.notifications
                      if n.incomplete],
        other_notes=[(_place(n), n.message) for n in report.notifications
                     if not n.incomplete],
        rules=[rule_views[rule_id] for rule_id in used if rule_id in rule_views],
        baselined=sum(1 for f in shown if f.baselined),
    )


def _render(template: str, view: Page, **extra: object) -> str:
    import jinja2  # only the HTML formats pay for it

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES),
                                     autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    with open(os.path.join(_TEMPLATES, "style.css"), encoding="utf-8") as handle:
        style = handle.read()
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    view.csp = (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
                "base-uri 'none'; form-action 'none'")
    return environment.get_template(template).render(page=view, style=style, **extra)


def _levels(findings: object) -> dict[str, int]:
    counts = Counter(f.level.label for f in findings)  # type: ignore[attr-defined]
    return {level.label: counts.get(level.label, 0) for level in reversed(Level)}


def _place(note: Notification) -> str:
    return f"{note.path}:{note.line}" if note.line else note.path


def _target(target: str | None, report: Report) -> str:
    """What was scanned, as given; a path of dots only (`.`, `./...`, `..`) is named by its
    directory."""
    given = [target] if target else cast("list[str]", report.extra.get("paths") or ["."])
    names = []
    for path in given:
        if path.strip("./"):
            names.append(path)
        else:
            directory = os.path.join(report.working_directory, path.removesuffix("..."))
            names.append(os.path.basename(os.path.abspath(directory)) or path)
    return " ".join(names)


def _finding_view(anchor: str, finding: Finding, rules: dict[str, Rule],
                  sources: _Sources) -> FindingView:
    loc = finding.location
    rule = rules.get(finding.rule_id)
    related = [(f"{r.location.path}:{r.location.line}:{r.location.column}", r.message)
                for r in finding.related[:MAX_RELATED]]
    return FindingView(anchor, finding.rule_id, rule.name if rule else "", finding.level.label,
                       loc.line, loc.column, _message(finding.message), finding.fingerprint,
                       finding.baselined, related,
                       sources.context(loc.path, loc.line, loc.end_line))


def _message(text: str) -> list[tuple[bool, str]]:
    """Messages quote code between backticks, as Markdown does; an unpaired one stays text."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return [(False, text)]
    return [(index % 2 == 1, part) for index, part in enumerate(parts) if part]


def _rule_view(rule: Rule) -> RuleView:
    """The rule's help (Markdown of our own: `##` headings, paragraphs, fenced code, inline
    code) as blocks the template lays out, so that it needs no Markdown library."""
    blocks: list[tuple[str, object]] = []
    for index, part in enumerate(rule.help.split("```")):
        if index % 2:  # inside a fence: drop the language tag line
            blocks.append(("code", part.split("\n", 1)[1] if "\n" in part else part))
            continue
        for paragraph in re.split(r"\n\s*\n", part.strip("\n")):
            lines = paragraph.strip().splitlines()
            if lines and lines[0].startswith("#"):
                blocks.append(("heading", lines.pop(0).lstrip("#").strip()))
            blocks.extend(_paragraph(lines))
    return RuleView(rule.id, rule.name, rule.level.label, rule.summary,
                    DOCS_URL.format(id=rule.id), blocks)


def _paragraph(lines: list[str]) -> list[tuple[str, object]]:
    """Text, and `- ` items (continued by indented lines) as a list."""
    blocks: list[tuple[str, object]] = []
    text: list[str] = []
    items: list[list[str]] = []

    def flush_text() -> None:
        if text:
            blocks.append(("text", _message(" ".join(text))))
            text.clear()

    def flush_items() -> None:
        if items:
            blocks.append(("list", [_message(" ".join(item)) for item in items]))
            items.clear()

    for line in lines:
        if line.startswith("- "):
            flush_text()
            items.append([line[2:].strip()])
        elif items and line.startswith("  "):
            items[-1].append(line.strip())
        else:
            flush_items()
            text.append(line.strip())
    flush_text()
    flush_items()
    return blocks


class _Sources:
    """Each file read once, lines decoded leniently (the code may not be valid UTF-8)."""

    def __init__(self, working_directory: str, absolute: dict[str, str]) -> None:
        self.working_directory = working_directory
        # display path -> the file to read: a name that is not UTF-8 is shown escaped
        self.absolute = absolute
        self.files: dict[str, list[bytes] | None] = {}

    def context(self, path: str, first: int, last: int) -> list[SourceLine]:
        lines = self.lines(path)
        if not lines:
            return []
        last = min(max(last, first), first + 6)  # a long span shows its start
        start, end = max(first - CONTEXT_LINES, 1), min(last + CONTEXT_LINES, len(lines))
        return [SourceLine(number, first <= number <= last, _tokens(lines[number - 1]))
                for number in range(start, end + 1)]

    def lines(self, path: str) -> list[bytes] | None:
        if path not in self.files:
            try:
                with open(self.absolute.get(path) or
                          os.path.join(self.working_directory, path), "rb") as handle:
                    self.files[path] = handle.read().split(b"\n")
            except OSError:
                self.files[path] = None
        return self.files[path]


def _tokens(raw: bytes) -> list[tuple[str, str]]:
    text = raw.rstrip(b"\r").decode("utf-8", "replace")
    if len(text) > MAX_LINE_CHARS:
        text = text[:MAX_LINE_CHARS] + " …"
    tokens: list[tuple[str, str]] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            tokens.append(("", text[position:match.start()]))
        tokens.append((match.lastgroup or "", match.group()))
        position = match.end()
    if position < len(text):
        tokens.append(("", text[position:]))
    return tokens


def _git_commit(root: str) -> str:
    try:
        done = subprocess.run(["git", "-C", root, "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _generated() -> str:
    """UTC, from SOURCE_DATE_EPOCH when set so that a report can be reproduced byte for byte."""
    try:
        stamp = int(os.environ["SOURCE_DATE_EPOCH"])
    except (KeyError, ValueError):
        stamp = int(time.time())
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
