"""SARIF 2.1.0 for GitHub code scanning.

The log is built from ``sarif_om`` objects and serialised by a small walker of our own:
jschema_to_python drops every value equal to its schema default, so an explicit
``level: "warning"`` would vanish and GitHub would have to guess. Objects are built with every
field we do not set forced to ``None`` (see ``_make``) so that sentinel defaults such as
``ruleIndex: -1`` or ``byteOffset: -1`` never leak into the output.
"""

from __future__ import annotations

import bisect
import json
import operator
import os
import pathlib
import re
import struct
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import attr
import sarif_om

from leakgate import __version__
from leakgate.docs import DOCS_URL
from leakgate.findings import Finding, Fix, Level, Rule
from leakgate.output import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/leakgate/leakgate"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "leakgate/v1"

# GitHub code scanning rejects or truncates beyond these.
MAX_RESULTS = 25_000
MAX_TAGS = 20
MAX_FULL_DESCRIPTION = 1024

_PROBLEM_SEVERITY = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "recommendation"}


# --- serialisation ------------------------------------------------------------------------

_FIELD_CACHE: dict[type, tuple[tuple[str, str], ...]] = {}
_NONE_DEFAULTS: dict[type, dict[str, None]] = {}


def _fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(python name, JSON name) of an attrs class, cached: the walker visits every result."""
    cached = _FIELD_CACHE.get(cls)
    if cached is None:
        cached = tuple(
            (f.name, f.metadata.get("schema_property_name", f.name)) for f in attr.fields(cls)
        )
        _FIELD_CACHE[cls] = cached
    return cached


def _make(cls: type, **values: Any) -> Any:
    """Instantiate a sarif_om class with every optional field we do not pass set to None.

    sarif_om fills in schema defaults (``rank=-1.0``, ``index=-1``, ``language="en-US"`` ...);
    since the walker keeps everything but None, only what we chose to say ends up in the log.
    """
    nones = _NONE_DEFAULTS.get(cls)
    if nones is None:
        nones = {f.name: None for f in attr.fields(cls) if f.default is not attr.NOTHING}
        _NONE_DEFAULTS[cls] = nones
    return cls(**{**nones, **values})


def to_jsonable(value: Any) -> Any:
    """Walk sarif_om objects, dicts and lists into plain JSON values, dropping only None."""
    if isinstance(value, (str, int, float)):  # bool is an int
        return value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if attr.has(type(value)):
        out: dict[str, Any] = {}
        for name, json_name in _fields(type(value)):
            item = getattr(value, name)
            if item is not None:
                out[json_name] = to_jsonable(item)
        return out
    return value


# --- GitHub's primaryLocationLineHash -----------------------------------------------------

_BLOCK_SIZE = 100
_MASK64 = (1 << 64) - 1
# Weight of the i-th character of a window: 37 ** (BLOCK_SIZE - 1 - i), in 64-bit arithmetic.
_WEIGHTS = tuple(pow(37, _BLOCK_SIZE - 1 - i, 1 << 64) for i in range(_BLOCK_SIZE))
_EOF_UNIT = 0xFFFF
_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split text into lines the way the upload action numbers them.

    CR, LF and CRLF all end a line (unlike ``str.splitlines``, which also breaks on form feeds
    and Unicode separators). A trailing newline yields a final empty line, as it does there.
    """
    return _NEWLINE.split(text)


def _utf16_units(text: str) -> list[int]:
    """The UTF-16 code units of text: JavaScript's ``charCodeAt`` is what the action hashes."""
    if text.isascii():
        return [ord(c) for c in text]
    data = text.encode("utf-16-le", "surrogatepass")
    return list(struct.unpack(f"<{len(data) // 2}H", data))


def line_hashes(file_text_lines: Sequence[str]) -> list[str]:
    """``primaryLocationLineHash`` of every line, computed as GitHub's codeql-action does.

    The file is seen as a stream of UTF-16 code units with spaces and tabs removed, every line
    ending as one LF, then a 0xFFFF end marker and zero padding. A line's hash is the 64-bit
    polynomial hash (base 37) of the 100 units starting at its first non-blank unit, so it also
    covers the lines that follow. The value is ``<unsigned hex>:<n>`` where n counts how many
    lines so far (this one included) had the same hash, which keeps identical lines distinct.
    Returns one entry per line, index 0 for line 1.
    """
    lines = list(file_text_lines) or [""]
    units: list[int] = []
    starts: list[int] = []
    last = len(lines) - 1
    for number, line in enumerate(lines):
        starts.append(len(units))
        units.extend(_utf16_units(line.replace(" ", "").replace("\t", "")))
        if number != last:
            units.append(0x0A)
    units.append(_EOF_UNIT)
    units.extend([0] * _BLOCK_SIZE)

    seen: dict[str, int] = {}
    hashes: list[str] = []
    for start in starts:
        window = units[start:start + _BLOCK_SIZE]
        value = format(sum(map(operator.mul, window, _WEIGHTS)) & _MASK64, "x")
        seen[value] = seen.get(value, 0) + 1
        hashes.append(f"{value}:{seen[value]}")
    return hashes


def line_hash(file_text_lines: Sequence[str], line_number: int) -> str:
    """GitHub's ``primaryLocationLineHash`` for 1-based line_number of a file.

    file_text_lines is the whole file split with ``split_lines`` (the hash window runs past the
    end of the line, and the occurrence counter needs every earlier line). We compute it
    ourselves so the value is right even when the upload step cannot read the file, and so
    alerts keep their identity across runs exactly as they would with the action.
    """
    if line_number < 1 or line_number > max(len(file_text_lines), 1):
        raise ValueError(f"line {line_number} is outside the file")
    return line_hashes(file_text_lines)[line_number - 1]


# --- source access and column conversion --------------------------------------------------


def _utf16_length(data: bytes) -> int:
    """UTF-16 code units in UTF-8 bytes: what GitHub counts columns in."""
    if data.isascii():
        return len(data)
    text = data.decode("utf-8", errors="replace")
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


@dataclass
class _Source:
    """One file's bytes, with line offsets and line hashes computed on first use."""

    data: bytes | None
    _line_starts: list[int] | None = None
    _hashes: list[str] | None = None

    @property
    def line_starts(self) -> list[int]:
        # tree-sitter rows end at LF only, so that is what byte columns are relative to.
        if self._line_starts is None:
            data = self.data or b""
            self._line_starts = [0] + [m.end() for m in re.finditer(b"\n", data)]
        return self._line_starts

    def line_bytes(self, line: int) -> bytes | None:
        if self.data is None or line < 1 or line > len(self.line_starts):
            return None
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.data)
        return self.data[start:end]

    def utf16_column(self, line: int, byte_column: int) -> int:
        """1-based byte column -> 1-based UTF-16 column; the byte column if unknowable."""
        text = self.line_bytes(line)
        if text is None or byte_column < 1:
            return max(byte_column, 1)
        prefix = text[: byte_column - 1]
        beyond = max(0, byte_column - 1 - len(text))  # past the line end: count as 1 unit each
        return _utf16_length(prefix) + beyond + 1

    def position(self, offset: int) -> tuple[int, int]:
        """Byte offset in the file -> (1-based line, 1-based UTF-16 column)."""
        assert self.data is not None
        offset = min(max(offset, 0), len(self.data))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        return index + 1, _utf16_length(self.data[start:offset]) + 1

    def line_hash(self, line: int) -> str | None:
        if self.data is None:
            return None
        if self._hashes is None:
            self._hashes = line_hashes(split_lines(self.data.decode("utf-8", errors="replace")))
        if line < 1 or line > len(self._hashes):
            return None
        return self._hashes[line - 1]


@dataclass
class _Context:
    """Per-render state: the report plus a cache of the files results point into."""

    report: Report
    sources: dict[str, _Source] = field(default_factory=dict)
    locations: dict[str, Any] = field(default_factory=dict)

    def source(self, path: str) -> _Source:
        cached = self.sources.get(path)
        if cached is None:
            try:
                with open(os.path.join(self.report.working_directory, path), "rb") as handle:
                    data: bytes | None = handle.read()
            except OSError:
                data = None
            cached = self.sources[path] = _Source(data)
        return cached

    def artifact_location(self, path: str) -> Any:
        """A root-relative, percent-encoded URI against %SRCROOT% (absolute if it cannot be).

        Cached per path: the serialiser only reads these objects, so results can share one.
        """
        cached = self.locations.get(path)
        if cached is None:
            cached = self.locations[path] = self._artifact_location(path)
        return cached

    def _artifact_location(self, path: str) -> Any:
        relative = self.report.root_relative(path)
        if os.path.isabs(relative):
            # Different drive from the root on Windows: no relative form exists.
            return _make(sarif_om.ArtifactLocation, uri=pathlib.Path(relative).as_uri())
        return _make(
            sarif_om.ArtifactLocation,
            uri=urllib.parse.quote(relative, safe="/"),
            uri_base_id=SRCROOT,
        )


def _directory_uri(path: str) -> str:
    uri = pathlib.Path(os.path.abspath(path)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


# --- rules --------------------------------------------------------------------------------


def _first_paragraph(text: str) -> str:
    paragraph = re.split(r"\n\s*\n", text.strip(), maxsplit=1)[0].strip()
    if len(paragraph) > MAX_FULL_DESCRIPTION:
        paragraph = paragraph[: MAX_FULL_DESCRIPTION - 1].rstrip() + "\u2026"
    return paragraph


def _rule_descriptor(rule: Rule) -> Any:
    tags = list(dict.fromkeys(rule.tags))[:MAX_TAGS]  # the schema wants unique tags
    full = _first_paragraph(rule.help) or rule.summary
    return _make(
        sarif_om.ReportingDescriptor,
        id=rule.id,
        name=rule.name,
        short_description=_make(sarif_om.MultiformatMessageString, text=rule.summary),
        full_description=_make(sarif_om.MultiformatMessageString, text=full),
        help=_make(sarif_om.MultiformatMessageString, text=rule.help, markdown=rule.help),
        help_uri=DOCS_URL.format(id=rule.id),
        default_configuration=_make(sarif_om.ReportingConfiguration, level=rule.level.label),
        properties={
            "tags": tags,
            "precision": rule.precision,
            "problem.severity": _PROBLEM_SEVERITY[rule.level],
        },
    )


# --- results ------------------------------------------------------------------------------


def _region(ctx: _Context, finding: Finding) -> Any:
    loc = finding.location
    source = ctx.source(loc.path)
    start_line = max(loc.line, 1)
    end_line = max(loc.end_line, start_line)
    start_column = source.utf16_column(start_line, loc.column)
    end_column = source.utf16_column(end_line, loc.end_column)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    return _make(
        sarif_om.Region,
        start_line=start_line,
        start_column=start_column,
        end_line=end_line,
        end_column=end_column,
    )


def _fix(ctx: _Context, path: str, fix: Fix) -> Any | None:
    """A SARIF fix; byte edits become line/UTF-16 regions (byte ranges if the file is gone)."""
    if not fix.edits:
        return None
    source = ctx.source(path)
    replacements = []
    for start, end, text in fix.edits:
        if source.data is not None:
            start_line, start_column = source.position(start)
            end_line, end_column = source.position(max(end, start))
            region = _make(
                sarif_om.Region,
                start_line=start_line,
                start_column=start_column,
                end_line=end_line,
                end_column=end_column,
            )
        else:
            region = _make(sarif_om.Region, byte_offset=start, byte_length=max(end - start, 0))
        inserted = _make(sarif_om.ArtifactContent, text=text) if text else None
        replacements.append(
            _make(sarif_om.Replacement, deleted_region=region, inserted_content=inserted)
        )
    change = _make(
        sarif_om.ArtifactChange,
        artifact_location=ctx.artifact_location(path),
        replacements=replacements,
    )
    return _make(
        sarif_om.Fix,
        description=_make(sarif_om.Message, text=fix.description),
        artifact_changes=[change],
    )


def _result(ctx: _Context, finding: Finding, rule_index: dict[str, int]) -> Any:
    loc = finding.location
    region = _region(ctx, finding)
    fingerprints: dict[str, str] = {}
    line_hash_value = ctx.source(loc.path).line_hash(region.start_line)
    if line_hash_value is not None:
        fingerprints["primaryLocationLineHash"] = line_hash_value
    if finding.fingerprint:
        fingerprints[FINGERPRINT_KEY] = finding.fingerprint
    suppressions = None
    if finding.suppressed_reason is not None:
        # Plain dict: sarif_om's Suppression writes a ``state`` the schema rejects.
        suppressions = [
            {"kind": "inSource", "status": "accepted", "justification": finding.suppressed_reason}
        ]
    fix = _fix(ctx, loc.path, finding.fix) if finding.fix is not None else None
    location = _make(
        sarif_om.Location,
        physical_location=_make(
            sarif_om.PhysicalLocation,
            artifact_location=ctx.artifact_location(loc.path),
            region=region,
        ),
    )
    related = [
        _make(sarif_om.Location, id=index,
              physical_location=_make(
                  sarif_om.PhysicalLocation,
                  artifact_location=ctx.artifact_location(other.location.path),
                  region=_make(sarif_om.Region, start_line=other.location.line,
                               start_column=other.location.column)),
              message=_make(sarif_om.Message, text=other.message))
        for index, other in enumerate(finding.related, start=1)]
    return _make(
        sarif_om.Result,
        related_locations=related or None,
        rule_id=finding.rule_id,
        rule_index=rule_index.get(finding.rule_id),
        level=finding.level.label,
        message=_make(sarif_om.Message, text=finding.message),
        locations=[location],
        partial_fingerprints=fingerprints or None,
        suppressions=suppressions,
        baseline_state=("unchanged" if finding.baselined else "new")
        if ctx.report.extra.get("baseline") else None,
        fixes=[fix] if fix is not None else None,
    )


def _keep_most_severe(findings: list[Finding]) -> list[Finding]:
    """At most MAX_RESULTS findings: the most severe first, ties by report order; order kept."""
    if len(findings) <= MAX_RESULTS:
        return findings
    ranked = sorted(range(len(findings)), key=lambda i: (-findings[i].level, i))
    kept = sorted(ranked[:MAX_RESULTS])
    return [findings[i] for i in kept]


# --- the log ------------------------------------------------------------------------------


def _notification(ctx: _Context, level: Level, message: str, path: str | None) -> Any:
    locations = None
    if path:
        locations = [
            _make(
                sarif_om.Location,
                physical_location=_make(
                    sarif_om.PhysicalLocation, artifact_location=ctx.artifact_location(path)
                ),
            )
        ]
    return _make(
        sarif_om.Notification,
        level=level.label,
        message=_make(sarif_om.Message, text=message),
        locations=locations,
    )


def build_log(report: Report) -> Any:
    """The report as a ``sarif_om.SarifLog``; ``render`` turns it into text."""
    ctx = _Context(report)
    rules = [_rule_descriptor(rule) for rule in report.rules]
    rule_index: dict[str, int] = {}
    for index, rule in enumerate(report.rules):
        rule_index.setdefault(rule.id, index)

    findings = _keep_most_severe(list(report.findings))
    results = [_result(ctx, finding, rule_index) for finding in findings]

    notifications = [
        _notification(ctx, n.level, n.message, n.path) for n in report.notifications
    ]
    dropped = len(report.findings) - len(findings)
    if dropped:
        notifications.append(
            _notification(
                ctx,
                Level.WARNING,
                f"{dropped} of {len(report.findings)} results were dropped: GitHub code "
                f"scanning accepts at most {MAX_RESULTS} results per run, so only the "
                f"{MAX_RESULTS} most severe are included.",
                None,
            )
        )

    category = report.extra.get("category", "default")
    driver = _make(
        sarif_om.ToolComponent,
        name="leakgate",
        semantic_version=__version__,
        information_uri=INFORMATION_URI,
        rules=rules,
    )
    invocation = _make(
        sarif_om.Invocation,
        execution_successful=not any(n.blocks_analysis for n in report.notifications),
        working_directory=_make(
            sarif_om.ArtifactLocation, uri=_directory_uri(report.working_directory)
        ),
        tool_execution_notifications=notifications or None,
    )
    run = _make(
        sarif_om.Run,
        tool=_make(sarif_om.Tool, driver=driver),
        automation_details=_make(sarif_om.RunAutomationDetails, id=f"leakgate/{category}/"),
        column_kind="utf16CodeUnits",
        original_uri_base_ids={
            SRCROOT: _make(sarif_om.ArtifactLocation, uri=_directory_uri(report.root))
        },
        invocations=[invocation],
        results=results,
    )
    return _make(sarif_om.SarifLog, schema_uri=SCHEMA_URI, version="2.1.0", runs=[run])


# Above this many results the log is written compact: indenting doubles the size (GitHub caps
# uploads at 10 MB gzipped) and makes json.dumps fall back from C to pure Python (~8x slower).
PRETTY_PRINT_LIMIT = 5_000


def render(report: Report) -> str:
    document = to_jsonable(build_log(report))
    # Conventional key order: $schema and version before the runs.
    ordered = {"$schema": document.pop("$schema"), "version": document.pop("version")}
    ordered.update(document)
    pretty = len(document["runs"][0]["results"]) <= PRETTY_PRINT_LIMIT
    return json.dumps(ordered, indent=2 if pretty else None) + "\n"
