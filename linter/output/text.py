"""The Go convention: `path:line:col: message (LG401 response-body-not-closed)` on stdout;
notifications about files go to stderr."""

from __future__ import annotations

from leakgate.output import Report


def render(report: Report) -> str:
    names = {rule.id: rule.name for rule in report.rules}
    lines = []
    for finding in report.findings:
        loc = finding.location
        suffix = f"{finding.rule_id} {names.get(finding.rule_id, '')}".strip()
        mark = f" [suppressed: {finding.suppressed_reason}]" if finding.suppressed_reason else ""
        lines.append(f"{loc.path}:{loc.line}:{loc.column}: {finding.message} ({suffix}){mark}")
    return "\n".join(lines) + ("\n" if lines else "")


def notification_lines(report: Report, quiet: bool = False) -> list[str]:
    """`path: level: message` for stderr, never mixed into the findings on stdout; ``quiet``
    keeps only the errors (files that could not be analysed)."""
    return [f"{note.path}: {note.level.label}: {note.message}" for note in report.notifications
            if not quiet or note.blocks_analysis]
