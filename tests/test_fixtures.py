"""Every Go fixture under testdata/LG*/ is linted with every rule: each `// want` must be
reported on its line, and nothing else anywhere in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures import compare, expectations
from leakgate.discover import Options, discover
from leakgate.engine import Settings, analyze_file, analyze_package
from leakgate.registry import all_rules

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
# One directory per rule, plus the example project the README runs on (its findings are
# expectations too).
RULE_DIRS = sorted(p for p in TESTDATA.glob("LG[0-9][0-9][0-9]") if p.is_dir())
EXAMPLE = TESTDATA / "example"
FIXTURES = sorted(path for directory in [*RULE_DIRS, EXAMPLE] for path in directory.rglob("*.go"))


def _lint(path: Path) -> list:
    found = discover([str(path)], Options(include_testdata=True), cwd=str(TESTDATA))
    assert len(found.files) == 1, found.notifications
    settings = Settings(rule_ids=tuple(rule.id for rule in all_rules()))
    result = analyze_file(found.files[0], settings)
    assert result.analysed, result.notifications
    return [f for f in result.findings if not f.suppressed_reason]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(TESTDATA)))
def test_fixture(path: Path) -> None:
    expected = expectations(path.read_text(encoding="utf-8"))
    problems = compare(expected, _lint(path))
    assert not problems, f"{path.relative_to(TESTDATA)}:\n  " + "\n  ".join(problems)


def test_every_rule_has_fixtures_both_ways() -> None:
    """A rule without a reported case or without a silent look-alike is not tested."""
    for rule in all_rules():
        if rule.id == "LG000":
            continue
        directory = TESTDATA / rule.id
        files = list(directory.rglob("*.go"))
        assert files, f"{rule.id} has no fixtures under {directory}"
        wants = [e for f in files for e in expectations(f.read_text()) if e.rule_id == rule.id]
        assert wants, f"{rule.id} fixtures report nothing"
        assert any("silent" in f.name or "ok" in f.name for f in files), \
            f"{rule.id} has no fixture of look-alikes it must stay silent on"


PACKAGE_DIRS = sorted({p.parent for p in FIXTURES if len(list(p.parent.glob("*.go"))) > 1})


def _shown(results: list) -> list[tuple[str, int, str, str]]:
    return sorted((f.location.path, f.location.line, f.rule_id, f.message)
                  for result in results for f in result.findings)


@pytest.mark.parametrize("directory", PACKAGE_DIRS, ids=lambda p: str(p.relative_to(TESTDATA)))
def test_file_runs_equal_the_directory_run(directory: Path) -> None:
    """Pre-commit lints the changed files alone: each must get what a directory run gives it,
    because the rest of its package is read for facts."""
    found = discover([str(directory)], Options(include_testdata=True), cwd=str(TESTDATA))
    files = [f for f in found.files if Path(f.absolute).parent == directory]
    settings = Settings(rule_ids=tuple(rule.id for rule in all_rules()))
    whole = analyze_package(files, settings)
    alone = [analyze_file(f, settings) for f in files]
    assert _shown(alone) == _shown(whole)
