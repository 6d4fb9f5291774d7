"""GitHub Actions workflow annotations."""

from __future__ import annotations

from leakgate.output import Report


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        lines.append(
            f"::{f.level.label if f.level.label != 'note' else 'notice'} "
            f"file={_escape(loc.path, True)},line={loc.line},col={loc.column},"
            f"endLine={loc.end_line},endColumn={loc.end_column},"
            f"title={_escape(f.rule_id, True)}::{_escape(f.message)}")
    for n in report.notifications:
        lines.append(f"::warning file={_escape(n.path, True)}::{_escape(n.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
