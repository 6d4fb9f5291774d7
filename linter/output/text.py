"""The Go convention: `path:line:col: message (LG401 response-body-not-closed)` on stdout;
notifications about files go to stderr."""

from __future__ import annotations

from leakgate.output import Report

_COLOURS = {"error": "31", "warning": "33", "note": "36"}  # red, yellow, cyan


def render(report: Report) -> str:
    """One line a finding; with ``report.extra["color"]`` the place is bold and the rule is
    coloured by level (ANSI SGR codes)."""
    names = {rule.id: rule.name for rule in report.rules}
    colour = bool(report.extra.get("color"))
    lines = []
    for finding in report.findings:
        if finding.baselined:
            continue  # accepted debt: counted in the summary, not listed
        loc = finding.location
        suffix = f"{finding.rule_id} {names.get(finding.rule_id, '')}".strip()
        mark = f" [suppressed: {finding.suppressed_reason}]" if finding.suppressed_reason else ""
        place = f"{loc.path}:{loc.line}:{loc.column}:"
        rule_part = f"({suffix})"
        if colour:
            place = f"\x1b[1m{place}\x1b[0m"
            rule_part = f"\x1b[{_COLOURS.get(finding.level.label, '0')}m{rule_part}\x1b[0m"
        lines.append(f"{place} {finding.message} {rule_part}{mark}")
        for related in finding.related:  # indented: not a finding line of its own
            at = related.location
            lines.append(f"    {at.path}:{at.line}:{at.column}: {related.message}")
    return "\n".join(lines) + ("\n" if lines else "")


def notification_lines(report: Report, quiet: bool = False) -> list[str]:
    """`path: level: message` for stderr, never mixed into the findings on stdout; ``quiet``
    keeps only the errors (files that could not be analysed)."""
    return [f"{note.path}: {note.level.label}: {note.message}" for note in report.notifications
            if not quiet or note.blocks_analysis]


def summary_line(report: Report, seconds: float) -> str:
    """`leakgate: 3 findings (1 error, 2 warnings) in 12 files, 0.42 s` for stderr."""
    shown = [f for f in report.findings if not f.suppressed_reason and not f.baselined]
    baselined = sum(1 for f in report.findings if f.baselined and not f.suppressed_reason)
    also = f" (+{baselined} baselined)" if baselined else ""
    counts = {level: sum(1 for f in shown if f.level.label == level)
              for level in ("error", "warning", "note")}
    parts = [f"{n} {level}{'s' if n != 1 else ''}" for level, n in counts.items() if n]
    files = f"{report.files_analyzed} file{'s' if report.files_analyzed != 1 else ''}"
    if not shown:
        return f"leakgate: no findings{also} in {files}, {seconds:.2f} s"
    total = len(shown)
    return (f"leakgate: {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}){also} "
            f"in {files}, {seconds:.2f} s")
