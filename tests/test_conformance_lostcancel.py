"""go vet's own lostcancel testdata (Debian's golang-golang-x-tools-dev): every `// want`
must be an LG605 finding on that line, and LG605 must report nothing else there."""

from __future__ import annotations

import re
from pathlib import Path

from corpus import XTOOLS_PASSES, require
from leakgate.discover import Options, discover
from leakgate.engine import Settings, run

# Cases that need type information no syntax can recover, with the reason. At most two.
KNOWN_GAPS: dict[tuple[str, int], str] = {}

_WANT = re.compile(r"//\s*want\s")


def _wanted_lines(path: Path) -> set[int]:
    return {number for number, line in enumerate(path.read_text().splitlines(), start=1)
            if _WANT.search(line)}


def test_lostcancel_testdata() -> None:
    source = require(XTOOLS_PASSES / "lostcancel/testdata/src", "golang-golang-x-tools-dev")
    files = sorted(source.rglob("*.go"))
    assert len(files) >= 3, files
    found = discover([str(source)], Options(include_testdata=True), cwd=str(source))
    result = run(found.files, Settings(rule_ids=("LG605",)), jobs=1, root=str(source))
    assert not [n for n in result.notifications if n.blocks_analysis]
    reported = {(f.location.path, f.location.line) for f in result.findings} | \
        {(r.location.path, r.location.line) for f in result.findings for r in f.related}
    wanted = {(str(f.relative_to(source)), line) for f in files for line in _wanted_lines(f)}
    missing = sorted(wanted - reported - set(KNOWN_GAPS))
    extra = sorted(reported - wanted)
    assert len(KNOWN_GAPS) <= 2
    assert not missing, f"vet wants these, LG605 missed them: {missing}"
    assert not extra, f"LG605 reported lines vet does not: {extra}"
    assert len(wanted) >= 25, f"corpus shrank? only {len(wanted)} wants"
