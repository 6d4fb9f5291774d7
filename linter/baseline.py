"""Baselines: accepted findings, so a team adopting leakgate on an existing code base gates
only new ones.

A baseline file lists findings by fingerprint: rule, repository-relative path, the
whitespace-normalised text of the line, the enclosing function and an occurrence index. A
baselined finding therefore stays baselined when lines are inserted above it or the file is
reformatted, and becomes new when its own line changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from leakgate import __version__
from leakgate.findings import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read or is not a leakgate baseline."""


@dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str]

    def holds(self, finding: Finding) -> bool:
        return finding.fingerprint in self.fingerprints


def dump(findings: list[Finding], root_relative: dict[int, str]) -> str:
    """The baseline of ``findings`` (unsuppressed ones), as JSON text."""
    entries = [{"fingerprint": f.fingerprint, "rule": f.rule_id,
                "path": root_relative.get(id(f), f.location.path), "line": f.location.line,
                "message": f.message}
               for f in findings if not f.suppressed_reason]
    return json.dumps({"tool": "leakgate", "version": __version__,
                       "format": FORMAT_VERSION, "findings": entries}, indent=2) + "\n"


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a JSON baseline: {error}") from None
    if not isinstance(data, dict) or data.get("tool") != "leakgate" or \
            not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a leakgate baseline (make one with "
                            f"`leakgate baseline create {path}`)")
    fingerprints = set()
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: a finding without a fingerprint")
        fingerprints.add(entry["fingerprint"])
    return Baseline(frozenset(fingerprints))
