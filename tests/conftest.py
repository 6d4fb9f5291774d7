"""Shared test fixtures: running leakgate in-process with exact exit codes and output."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from leakgate.cli import main

# The summary line text output ends with, on stderr.
SUMMARY = re.compile(r"^leakgate: (?:no findings|\d+ findings? \([^)]*\)) in \d+ files?, "
                     r"\d+\.\d\d s$")
TEXT_LINE = re.compile(r"^(?P<path>[^:\s]+\.go):(?P<line>\d+):(?P<col>\d+): (?P<message>.+) "
                       r"\((?P<id>LG\d{3}) (?P<name>[a-z-]+)\)$")


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
