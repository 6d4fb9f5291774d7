"""The Go version comes from the nearest go.mod's `go` line, and changes what the timer and
WaitGroup rules say: the same files under `go 1.22`, `go 1.23`, `go 1.25` and no go.mod, each
checked against the version-qualified `// want(<1.23) ...` marks of testdata/go-versions."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from fixtures import compare, expectations
from leakgate.discover import Options, discover
from leakgate.engine import Settings, run
from leakgate.registry import all_rules

SOURCES = Path(__file__).resolve().parent.parent / "testdata" / "go-versions"
UNKNOWN_NOTE = "Go version unknown"


def _module(tmp_path: Path, go_line: str | None) -> Path:
    module = tmp_path / "module"
    shutil.copytree(SOURCES, module)
    if go_line is not None:
        # `toolchain` names the compiler, not the semantics the module opted into.
        (module / "go.mod").write_text(f"module example.com/v\n\n{go_line}\n\ntoolchain go1.25.1\n")
    return module


@pytest.mark.parametrize("go_line,version", [
    (None, None), ("go 1.22", (1, 22)), ("go 1.23", (1, 23)), ("go 1.23.4", (1, 23)),
    ("go 1.25", (1, 25))])
def test_findings_follow_the_go_line(tmp_path: Path, go_line: str | None,
                                     version: tuple[int, int] | None) -> None:
    module = _module(tmp_path, go_line)
    found = discover([str(module)], Options(), cwd=str(module))
    result = run(found.files, Settings(rule_ids=tuple(r.id for r in all_rules())), jobs=1,
                 root=str(module))
    for path in sorted(SOURCES.glob("*.go")):
        wanted = expectations(path.read_text(), version)
        got = [f for f in result.findings if f.location.path == path.name]
        problems = compare(wanted, got)
        assert not problems, f"{path.name} under {go_line}:\n  " + "\n  ".join(problems)
    notes = [n for n in result.notifications if UNKNOWN_NOTE in n.message]
    if version is None:
        assert len(notes) == 1, result.notifications  # said once, not per file
        assert "before 1.23" in notes[0].message or "pre-1.23" in notes[0].message
    else:
        assert not notes


def test_flag_overrides_go_mod(tmp_path: Path, lint: Callable[..., Run]) -> None:
    module = _module(tmp_path, "go 1.22")
    old = lint("check", "--select", "LG501", str(module))
    new = lint("check", "--select", "LG501", "--go", "1.23", str(module))
    assert "LG501" in old.out and "LG501" not in new.out


def test_config_overrides_go_mod(tmp_path: Path, lint: Callable[..., Run]) -> None:
    module = _module(tmp_path, "go 1.22")
    assert "LG502" in lint("check", "--select", "LG502", str(module)).out
    (tmp_path / ".leakgate.toml").write_text('go = "1.24"\n')  # the config of the cwd
    assert "LG502" not in lint("check", "--select", "LG502", str(module)).out


def test_unknown_version_is_said_once_on_stderr(tmp_path: Path, lint: Callable[..., Run]) -> None:
    module = _module(tmp_path, None)
    result = lint("check", str(module))
    assert result.err.count(UNKNOWN_NOTE) == 1, result.err
    assert "--go" in result.err
    # Nothing version-dependent reported: nothing to say.
    quiet = lint("check", "--select", "LG601", str(module))
    assert UNKNOWN_NOTE not in quiet.err
