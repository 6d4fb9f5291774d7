"""Precision on real service code, as a standing part of the suite.

`../shared/wild/sample.py` lints Debian's packages of widely used Go services (the list is
`tests/wild/packages.txt`, installed by .ci/run) and compares the findings with our verdicts in
`tests/wild/ledger.tsv`: the test fails when a finding judged FALSE comes back or one judged TRUE
is lost. Findings without a verdict are listed, not failed: judge them and add them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from corpus import require

HERE = Path(__file__).resolve().parent
WILD = HERE / "wild"
SAMPLE = HERE.parent.parent / "shared" / "wild" / "sample.py"


def _packages() -> list[str]:
    lines = (WILD / "packages.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _installed(package: str) -> bool:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                          capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.startswith("install ok installed")


def test_wild_ledger(tmp_path: Path) -> None:
    require(SAMPLE, "the shared wild sampler (../shared/wild/sample.py beside the checkout)")
    missing = [p for p in _packages() if not _installed(p)]
    if missing:
        require(Path("/nonexistent") / missing[0], missing[0])
    # Every rule, opt-in ones included: the ledger guards what each rule does when it runs.
    command = (f"{sys.executable} -m leakgate.cli check --format sarif --allow-unanalysed "
               f"--select LG {{path}}")
    common = [sys.executable, str(SAMPLE), "--work", str(tmp_path),
              "--packages", str(WILD / "packages.txt")]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    ran = subprocess.run([*common, "run", "--cmd", command], capture_output=True, text=True,
                         env=env, timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    judged = subprocess.run([*common, "ledger", str(WILD / "ledger.tsv")], capture_output=True,
                            text=True, env=env, timeout=120)
    print(ran.stdout + judged.stdout)
    assert judged.returncode == 0, judged.stdout + judged.stderr
