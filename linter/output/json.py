"""Machine-readable findings: one JSON document, stable key order."""

from __future__ import annotations

import json

from leakgate import __version__
from leakgate.output import Report


def render(report: Report) -> str:
    document = {
        "tool": {"name": "leakgate", "version": __version__},
        "files": report.files_analyzed,
        "findings": [
            {
                "rule": f.rule_id,
                "level": f.level.label,
                "message": f.message,
                "path": f.location.path,
                "line": f.location.line,
                "column": f.location.column,
                "endLine": f.location.end_line,
                "endColumn": f.location.end_column,
                "function": f.function,
                "fingerprint": f.fingerprint,
                **({"suppressed": f.suppressed_reason} if f.suppressed_reason else {}),
                **({"baselined": True} if f.baselined else {}),
                **({"related": [{"path": r.location.path, "line": r.location.line,
                                 "column": r.location.column, "message": r.message}
                                for r in f.related]} if f.related else {}),
            }
            for f in report.findings
        ],
        "notifications": [
            {"path": n.path, "level": n.level.label, "message": n.message}
            for n in report.notifications
        ],
    }
    return json.dumps(document, indent=2) + "\n"
