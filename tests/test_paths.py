"""Path patterns in one place (linter/paths.py), with gitignore semantics, through the real
command line: --exclude, the config's exclude and per-path-ignores, and the repository's
.gitignore (--no-gitignore to turn it off)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Run

LOST = """package p

import "context"

func f() {
	ctx, _ := context.WithCancel(context.Background())
	_ = ctx
}
"""


def _tree(root: Path) -> None:
    for name in ("a/x.go", "a/b/y.go", "tests/t.go", "gen/z.go"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(LOST)


def _paths(run: Run) -> list[str]:
    return sorted(set(run.paths()))


def test_exclude_patterns(tmp_path: Path, lint: Callable[..., Run]) -> None:
    _tree(tmp_path)
    assert _paths(lint("check", "--exclude", "a/*.go", ".")) == ["a/b/y.go", "gen/z.go",
                                                                 "tests/t.go"]  # * stays put
    assert _paths(lint("check", "--exclude", "a/**", ".")) == ["gen/z.go", "tests/t.go"]
    assert _paths(lint("check", "--exclude", "./tests", ".")) == ["a/b/y.go", "a/x.go",
                                                                  "gen/z.go"]
    assert _paths(lint("check", "--exclude", str(tmp_path / "gen"), ".")) == \
        ["a/b/y.go", "a/x.go", "tests/t.go"]


def test_gitignore_is_honoured(tmp_path: Path, lint: Callable[..., Run]) -> None:
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("# generated\ngen/\n")
    assert _paths(lint("check", ".")) == ["a/b/y.go", "a/x.go", "tests/t.go"]
    assert "gen/z.go" in _paths(lint("check", "--no-gitignore", "."))


def test_nested_gitignore_files(tmp_path: Path, lint: Callable[..., Run]) -> None:
    """Each `.gitignore` speaks for its own directory, deeper ones first, named files too."""
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.tmp.go\n")
    (tmp_path / "a" / ".gitignore").write_text("/x.go\ny.go\n!keep.tmp.go\n")
    for name in ("a/keep.tmp.go", "a/b/x.go", "gen/y.go", "gen/other.tmp.go"):
        (tmp_path / name).write_text(LOST)
    expected = ["a/b/x.go", "a/keep.tmp.go", "gen/y.go", "gen/z.go", "tests/t.go"]
    assert _paths(lint("check", ".")) == expected
    assert _paths(lint("check", "a/b/y.go", "a/b/x.go")) == ["a/b/x.go"]  # as pre-commit names
    assert len(_paths(lint("check", "--no-gitignore", "."))) == 8


def test_config_patterns_are_relative_to_the_config(tmp_path: Path,
                                                    lint: Callable[..., Run]) -> None:
    _tree(tmp_path)
    (tmp_path / ".leakgate.toml").write_text(
        'exclude = ["/gen"]\n[per-path-ignores]\n"a/b/" = ["LG601"]\n')
    run = lint("check", str(tmp_path / "a"))  # from elsewhere: still relative to the config
    assert _paths(run) == [str(tmp_path / "a/x.go")] or _paths(run) == ["a/x.go"]
