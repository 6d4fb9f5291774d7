"""Shared test fixtures: running leakgate in-process with exact exit codes and output."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import leakgate.cli
from leakgate.cli import main
from leakgate.findings import Rule

# The summary line text output ends with, on stderr.
SUMMARY = re.compile(r"^leakgate: (?:no findings|\d+ findings? \([^)]*\)) in \d+ files?, "
                     r"\d+\.\d\d s$")
TEXT_LINE = re.compile(r"^(?P<path>[^:\s]+\.go):(?P<line>\d+):(?P<col>\d+): (?P<message>.+) "
                       r"\((?P<id>LG\d{3}) (?P<name>[a-z-]+)\)$")


# The tests of the command line's plumbing (paths, formats, suppressions, configs, exit codes)
# use one sample finding, LG605's discarded cancel (vet's lostcancel). LG605 is opt-in (its
# precision on fresh code is low), so those tests run it as if it were a default rule; the
# tests of which rules are on by default do not (they are left out by name).
SAMPLE_RULE = "LG605"
_SAMPLE_MODULES = {"test_cli", "test_html", "test_packaging", "test_paths",
                   "test_repository_paths", "test_robustness"}
_REAL_DEFAULTS = {"test_opt_in_rules_run_only_when_selected"}


@pytest.fixture(autouse=True)
def sample_rule_on(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    module = request.module.__name__.rsplit(".", 1)[-1]
    if module not in _SAMPLE_MODULES or request.function.__name__ in _REAL_DEFAULTS:
        return
    original = leakgate.cli.select_rules

    def with_sample(rules: list[Rule], select: list[str] | None,
                    ignore: list[str] | None) -> list[Rule]:
        pool = list(rules)
        chosen = original(pool, select, ignore)
        sample = [r for r in pool if r.id == SAMPLE_RULE]
        if select or not sample or sample[0] in chosen or \
                any(leakgate.cli.matches(s, sample[0]) for s in ignore or []):
            return chosen
        return sorted([*chosen, *sample], key=lambda r: r.id)

    monkeypatch.setattr(leakgate.cli, "select_rules", with_sample)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def rules(self) -> list[str]:
        """Rule IDs of the text-format findings, in output order."""
        return [m.group("id") for m in map(TEXT_LINE.match, self.out.splitlines()) if m]

    def paths(self) -> list[str]:
        return [m.group("path") for m in map(TEXT_LINE.match, self.out.splitlines()) if m]

    def notes(self, path: str) -> list[str]:
        """The notification lines (`path: level: message`, on stderr) for one file."""
        return [line for line in self.err.splitlines() if line.startswith(f"{path}: ")]


@pytest.fixture
def lint(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         tmp_path: Path) -> Callable[..., Run]:
    """`leakgate ARGS` in-process through `main` (exact exit codes and stderr), cwd = tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEAKGATE_DEBUG", raising=False)

    def invoke(*args: str) -> Run:
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        code = done.value.code
        return Run(code if isinstance(code, int) else 0, out, err)

    return invoke
