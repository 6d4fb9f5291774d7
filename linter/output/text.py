"""The Go convention: `path:line:col: message (LG401 response-body-not-closed)`."""

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
    for note in report.notifications:
        lines.append(f"{note.path}: {note.level.label}: {note.message}")
    return "\n".join(lines) + ("\n" if lines else "")
