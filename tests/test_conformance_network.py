"""go vet's httpresponse testdata (Debian's golang-golang-x-tools-dev): every `// want` is an
LG402 finding on that line, and LG402 reports nothing else there."""

from __future__ import annotations

import re
from pathlib import Path

from corpus import XTOOLS_PASSES, require
from leakgate.discover import Options, discover
from leakgate.engine import Settings, run

_WANT = re.compile(r"//\s*want\s")
# Cases that need type information no syntax can recover, with the reason. At most two.
KNOWN_GAPS = {
    ("typeparams/typeparams.go", 31): "the client is the result of a generic function "
                                      "instantiated with http.Client: its type needs inference",
}


def test_vet_httpresponse() -> None:
    source = require(XTOOLS_PASSES / "httpresponse/testdata/src", "golang-golang-x-tools-dev")
    files = sorted(source.rglob("*.go"))
    found = discover([str(source)], Options(include_testdata=True), cwd=str(source))
    result = run(found.files, Settings(rule_ids=("LG402",)), jobs=1, root=str(source))
    assert not [n for n in result.notifications if n.blocks_analysis]
    reported = {(f.location.path, f.location.line) for f in result.findings}
    wanted = {(str(path.relative_to(source)), number) for path in files
              for number, line in enumerate(Path(path).read_text().splitlines(), start=1)
              if _WANT.search(line)}
    assert len(wanted) >= 6, f"corpus shrank? only {len(wanted)} wants"
    assert len(KNOWN_GAPS) <= 2
    assert not sorted(wanted - reported - set(KNOWN_GAPS)), "vet's httpresponse wants LG402 missed"
    assert not sorted(reported - wanted), "LG402 reported lines vet does not"
