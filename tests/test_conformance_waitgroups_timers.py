"""Third-party ground truth for families 3 and 5 (Debian's golang-honnef-go-tools-dev and
golang-golang-x-tools-dev): staticcheck's CheckWaitgroupAdd (SA2000) is LG301 and its
CheckLeakyTimeTick (SA1015) is LG502, line for line both ways; go vet's copylocks wants about
sync.WaitGroup are LG303 findings, and LG303 reports nothing vet does not; go vet's
`waitgroup` analyzer (x/tools 0.35+), where the installed x/tools has it, is LG301."""

from __future__ import annotations

import re
import subprocess
import warnings
from pathlib import Path

import pytest

from corpus import STATICCHECK, XTOOLS_PASSES, require
from leakgate.discover import Options, discover
from leakgate.engine import Settings, run

_DIAG = re.compile(r"//@\s*diag\(")
_WANT = re.compile(r"//\s*want\s+\"(.*)\"")


def _findings(source: Path, rule: str) -> set[tuple[str, int]]:
    found = discover([str(source)], Options(include_testdata=True), cwd=str(source))
    result = run(found.files, Settings(rule_ids=(rule,)), jobs=1, root=str(source))
    assert not [n for n in result.notifications if n.blocks_analysis]
    return {(f.location.path, f.location.line) for f in result.findings}


def _marked(source: Path, marker: re.Pattern[str]) -> set[tuple[str, int]]:
    return {(str(path.relative_to(source)), number) for path in sorted(source.rglob("*.go"))
            for number, line in enumerate(path.read_text().splitlines(), start=1)
            if marker.search(line)}


@pytest.mark.parametrize("check,rule", [
    ("CheckWaitgroupAdd", "LG301"), ("CheckLeakyTimeTick", "LG502"),
    ("CheckLeakyTimeTick-main", "LG502")])
def test_staticcheck(check: str, rule: str) -> None:
    testdata = require(STATICCHECK / "staticcheck/testdata/src/example.com",
                       "golang-honnef-go-tools-dev")
    source = require(testdata / check, "golang-honnef-go-tools-dev")
    wanted = _marked(source, _DIAG)
    reported = _findings(source, rule)
    if not check.endswith("-main"):
        assert wanted, "no //@ diag markers found: has the corpus format changed?"
    assert not sorted(wanted - reported), f"staticcheck diags {rule} missed"
    assert not sorted(reported - wanted), f"{rule} reported lines staticcheck does not"


def test_vet_copylocks_waitgroups() -> None:
    source = require(XTOOLS_PASSES / "copylock/testdata/src", "golang-golang-x-tools-dev")
    wants = {(str(p.relative_to(source)), n): m.group(1)
             for p in sorted(source.rglob("*.go"))
             for n, line in enumerate(p.read_text().splitlines(), start=1)
             if (m := _WANT.search(line))}
    about_groups = {key for key, message in wants.items() if "WaitGroup" in message}
    reported = _findings(source, "LG303")
    assert about_groups, "no WaitGroup wants in copylock's testdata: has it changed?"
    assert not sorted(about_groups - reported), "vet's WaitGroup copies LG303 missed"
    assert not sorted(reported - set(wants)), "LG303 reported lines copylocks does not"


def test_vet_waitgroup_analyzer() -> None:
    passes = require(XTOOLS_PASSES, "golang-golang-x-tools-dev")
    source = passes / "waitgroup/testdata/src"
    if not source.exists():
        version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}",
                                  "golang-golang-x-tools-dev"], capture_output=True,
                                 text=True).stdout
        match = re.search(r"(?:\d+:)?0\.(\d+)\.", version)
        assert match and int(match.group(1)) < 35, \
            f"x/tools {version} should have the waitgroup analyzer's testdata"
        warnings.warn(f"x/tools {version} predates go vet's waitgroup analyzer (0.35): "
                      f"nothing to compare", stacklevel=1)
        return
    wanted = _marked(source, re.compile(r"//\s*want\s"))
    reported = _findings(source, "LG301")
    assert wanted
    assert not sorted(wanted - reported), "vet's waitgroup wants LG301 missed"
    assert not sorted(reported - wanted), "LG301 reported lines vet's waitgroup does not"
