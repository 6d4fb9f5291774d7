"""Output formats. Each module exposes ``render(report) -> str``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from leakgate.findings import Finding, Notification, Rule


@dataclass
class Report:
    findings: list[Finding]  # sorted; suppressed ones only with --include-suppressed
    notifications: list[Notification]
    rules: list[Rule]  # every rule that ran, in ID order
    root: str  # absolute path of the scanned root (SARIF %SRCROOT%)
    working_directory: str
    files_analyzed: int = 0
    lines_analyzed: int = 0
    suppressed_count: int = 0
    suppressed: list[Finding] = field(default_factory=list)  # always, for the HTML report
    extra: dict[str, object] = field(default_factory=dict)

    def root_relative(self, path: str) -> str:
        """A finding's path (relative to the working directory) relative to the root, POSIX."""
        absolute = os.path.normpath(os.path.join(self.working_directory, path))
        try:
            relative = os.path.relpath(absolute, self.root)
        except ValueError:
            relative = absolute
        return relative.replace(os.sep, "/")


FORMATS = ("text", "json", "sarif", "html", "github", "checkstyle", "junit", "baseline")


def render(fmt: str, report: Report) -> str:
    if fmt == "text":
        from leakgate.output import text
        return text.render(report)
    if fmt == "json":
        from leakgate.output import json as json_output
        return json_output.render(report)
    if fmt == "sarif":
        from leakgate.output import sarif
        return sarif.render(report)
    if fmt == "html":
        from leakgate.output import html
        return html.render(report)
    if fmt == "github":
        from leakgate.output import github
        return github.render(report)
    if fmt == "baseline":
        from leakgate import baseline
        return baseline.dump(report.findings, {id(f): report.root_relative(f.location.path)
                                               for f in report.findings})
    if fmt in ("checkstyle", "junit"):
        from leakgate.output import xml
        return xml.checkstyle(report) if fmt == "checkstyle" else xml.junit(report)
    raise ValueError(f"unknown format {fmt!r}")
