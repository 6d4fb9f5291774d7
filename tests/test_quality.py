"""ruff and mypy stay clean: the code base is part of what the tests check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return path


def test_ruff_clean() -> None:
    result = subprocess.run([_tool("ruff"), "check", "linter", "rules", "tests", "bench"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _installed_layout(tree: Path) -> Path:
    """The package as it installs (`leakgate` from linter/, `leakgate.rules` from rules/),
    laid out as links under ``tree``: mypy then resolves every `leakgate.*` import to our own
    code instead of to nothing."""
    package = tree / "leakgate"
    package.mkdir()
    for entry in (ROOT / "linter").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    (package / "rules").symlink_to(ROOT / "rules")
    return tree


def test_mypy_clean(tmp_path: Path) -> None:
    """mypy sees the real package: a test that the layout resolves is part of it (an import
    of a name that does not exist is an error, not Any)."""
    _tool("mypy")
    tree = _installed_layout(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / ".mypy_cache"), "-p", "leakgate"],
        cwd=tree, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    sources = [p for d in ("linter", "rules") for p in (ROOT / d).rglob("*.py")]
    checked = re.search(r"no issues found in (\d+) source files", result.stdout)
    # Every module of ours was checked (mypy also counts output/templates/ as a namespace).
    assert checked and int(checked.group(1)) >= len(sources), result.stdout


def test_semantics_does_not_depend_on_the_engine() -> None:
    """The layers sit on two floors: the engine (FileContext, the run) asks the semantics
    layer, never the other way round, so a semantic question can be asked without a run."""
    engine = re.compile(r"^\s*(?:from|import)\s+leakgate(?:\.|\s+import\s+)"
                        r"(?:context|engine|cli|gate|output)\b", re.MULTILINE)
    offenders = [path.name for path in (ROOT / "linter" / "semantics").glob("*.py")
                 if engine.search(path.read_text(encoding="utf-8"))]
    assert not offenders, f"semantics modules importing the engine: {offenders}"

