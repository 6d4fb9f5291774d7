"""`// want` expectations in Go fixtures, as in go/analysis's analysistest.

`// want "LG601"` or `// want "LG601: message regexp"` (several quoted expectations may follow
one `want`) marks findings expected on that line; every other line claims silence.
`// want(<1.23) "LG501"` and `// want(>=1.23) "LG503: ..."` expect a finding only for a target
Go version in that range; an unknown version counts as older than every bound (the rules
assume the older behaviour then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from leakgate.findings import Finding

_STRING = r'"(?:[^"\\]|\\.)*"|`[^`]*`'
_MARK = re.compile(r"//\s*want\b")
_WANT = re.compile(r"\bwant(?:\((<|>=)\s*([0-9]+)\.([0-9]+)\))?\s+((?:(?:" + _STRING
                   + r")\s*)+)")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`')


def _unquote(interpreted: str) -> str:
    """Go interpreted-string escapes, so patterns read as in analysistest (`\\\\(` is `\\(`)."""
    return re.sub(r"\\(.)", r"\1", interpreted)


@dataclass
class Expectation:
    line: int
    rule_id: str
    pattern: str | None

    def matches(self, finding: Finding) -> bool:
        if finding.rule_id != self.rule_id or finding.location.line != self.line:
            return False
        return self.pattern is None or re.search(self.pattern, finding.message) is not None

    def __str__(self) -> str:
        suffix = f": {self.pattern}" if self.pattern else ""
        return f"line {self.line}: {self.rule_id}{suffix}"


def _applies(match: re.Match[str], version: tuple[int, int] | None) -> bool:
    operator = match.group(1)
    if operator is None:
        return True
    bound = (int(match.group(2)), int(match.group(3)))
    older = version is None or version < bound
    return older if operator == "<" else not older


def expectations(source: str, version: tuple[int, int] | None = None) -> list[Expectation]:
    """The expectations of a fixture linted for target Go ``version`` (None: unknown)."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        mark = _MARK.search(line)
        for match in _WANT.finditer(line, mark.start()) if mark else ():
            if not _applies(match, version):
                continue
            for interpreted, raw in _QUOTED.findall(match.group(4)):
                quoted = raw or _unquote(interpreted)
                rule_id, _, pattern = quoted.partition(":")
                found.append(Expectation(number, rule_id.strip(), pattern.strip() or None))
    return found


def compare(expected: list[Expectation], findings: list[Finding]) -> list[str]:
    """Readable differences: misses (expected, not reported) and extras (reported, not
    expected). Empty when the file matches."""
    problems = []
    # A related location (the return that leaks a cancel) is expected like a finding of the
    # same rule on its line.
    remaining = list(findings) + [
        Finding(rule_id=f.rule_id, message=r.message, location=r.location, level=f.level)
        for f in findings for r in f.related]
    for expectation in expected:
        match = next((f for f in remaining if expectation.matches(f)), None)
        if match is None:
            near = [f"{f.rule_id} {f.message}" for f in remaining
                    if f.location.line == expectation.line]
            hint = f" (reported there instead: {near})" if near else ""
            problems.append(f"MISSING  {expectation}{hint}")
        else:
            remaining.remove(match)
    for finding in remaining:
        problems.append(f"EXTRA    line {finding.location.line}: {finding.rule_id} "
                        f"{finding.message}")
    return problems
