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
        'exclude = ["/gen"]\n[per-path-ignores]\n"a/b/" = ["LG605"]\n')
    run = lint("check", str(tmp_path / "a"))  # from elsewhere: still relative to the config
    assert _paths(run) == [str(tmp_path / "a/x.go")] or _paths(run) == ["a/x.go"]


def test_sample_directories_are_read_below_the_module(tmp_path: Path,
                                                      lint: Callable[..., Run]) -> None:
    """A module that lives in a directory named like a demo is not a demo: the same findings
    whether the run starts inside the module, above it, or elsewhere."""
    module = tmp_path / "acme-demo"
    (module / "svc").mkdir(parents=True)
    (module / "go.mod").write_text("module example.com/acme\n\ngo 1.22\n")
    (module / "svc" / "s.go").write_text(
        'package svc\n\nimport "net/http"\n\nfunc Run() error {\n'
        '\treturn http.ListenAndServe(":80", nil)\n}\n')
    (module / "tlsdemo").mkdir()
    (module / "tlsdemo" / "main.go").write_text(
        'package main\n\nimport "net/http"\n\nfunc main() {\n'
        '\t_ = http.ListenAndServe(":80", nil)\n}\n')
    assert lint("check", "--select", "LG404", "acme-demo").rules() == ["LG404"]
    assert lint("check", "--select", "LG404", str(module / "svc")).rules() == ["LG404"]


GITIGNORES = {
    ".gitignore": "build/\n!build/keep.go\n*.tmp.go\n/top.go\n",
    "build/.gitignore": "!*.go\n",  # inside an ignored directory: git never reads it
    "sub/.gitignore": "/local.go\nmock_*.go\n!keep.tmp.go\ndeep/\n",
    "a[1]/.gitignore": "gen.go\n",  # a directory name that is a glob
    "!x/.gitignore": "gen.go\n",  # ... or starts like a negation
}
GITIGNORED_CANDIDATES = [
    "a[1]/gen.go", "a1/gen.go", "!x/gen.go", "!x/ok.go", "build/keep.go", "build/other.go",
    "x.tmp.go", "sub/keep.tmp.go", "sub/local.go", "sub/deep/local.go", "sub/mock_a.go",
    "other/mock_b.go", "top.go", "other/top.go", "sub/deep/y.go", "gen/z.go"]


def test_gitignore_files_agree_with_git(tmp_path: Path) -> None:
    """Nested files, anchoring, negation, re-inclusion below an ignored directory and
    directory names with glob characters, as `git check-ignore` decides them."""
    import shutil
    import subprocess

    from leakgate.paths import gitignore

    git = shutil.which("git")
    if git is None:
        import pytest
        pytest.skip("git is not installed")
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
    for name, patterns in GITIGNORES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(patterns)
    ignores = gitignore(str(tmp_path))
    assert ignores is not None
    for name in GITIGNORED_CANDIDATES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("package p\n")
        by_git = subprocess.run([git, "-C", str(tmp_path), "check-ignore", "-q", "--no-index",
                                 name]).returncode == 0
        assert ignores.matches(str(tmp_path / name)) == by_git, name
