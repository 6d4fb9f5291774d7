"""staticcheck's own testdata for the empty-loop checks (Debian's golang-honnef-go-tools-dev):
every `//@ diag(...)` line must be an LG202 finding, and LG202 must report nothing else there.

CheckInfiniteEmptyLoop is SA5002, CheckLoopEmptyDefault is SA5004."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import STATICCHECK, require
from leakgate.discover import Options, discover
from leakgate.engine import Settings, run

_DIAG = re.compile(r"//@\s*diag\(")
CHECKS = ["CheckInfiniteEmptyLoop", "CheckLoopEmptyDefault"]


def _diag_lines(path: Path) -> set[int]:
    return {number for number, line in enumerate(path.read_text().splitlines(), start=1)
            if _DIAG.search(line)}


@pytest.mark.parametrize("check", CHECKS)
def test_staticcheck_empty_loops(check: str) -> None:
    testdata = require(STATICCHECK / "staticcheck/testdata/src/example.com",
                       "golang-honnef-go-tools-dev")
    source = require(testdata / check, "golang-honnef-go-tools-dev")
    files = sorted(source.glob("*.go"))
    assert files
    found = discover([str(source)], Options(include_testdata=True), cwd=str(source))
    result = run(found.files, Settings(rule_ids=("LG202",)), jobs=1, root=str(source))
    reported = {(f.location.path, f.location.line) for f in result.findings}
    wanted = {(f.name, line) for f in files for line in _diag_lines(f)}
    assert wanted, "no //@ diag markers found: has the corpus format changed?"
    assert not sorted(wanted - reported), f"staticcheck diags LG202 missed: {wanted - reported}"
    assert not sorted(reported - wanted), f"LG202 reported lines staticcheck does not: " \
                                          f"{reported - wanted}"
