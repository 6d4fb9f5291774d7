"""The real pre-commit (PyPI) runs this repository's hooks on a temporary git repository: a
leaking commit is blocked, a clean one passes, a vendored leak is ignored, and the diff hook
reports only what the change adds.

pre-commit installs the hook into its own environment from the committed state of this
repository (`rev` is HEAD), so the test needs git and network access to PyPI, like `.ci/run`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEAK = """package svc

import "net/http"

func f(url string) error {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	return err
}
"""
CLEAN = """package svc

func g() int { return 1 }
"""
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@t"}


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **ENV}, check=True)


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pre-commit and git are needed (pip install -e '.[test]')")
        pytest.skip("pre-commit or git missing")
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    home = tmp_path_factory.mktemp("pre-commit-home")
    config = tmp_path_factory.mktemp("config") / ".pre-commit-config.yaml"
    config.write_text(f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
                      f"      - id: leakgate\n"
                      f"      - id: leakgate-diff\n        stages: [manual]\n"
                      f"      - id: leakgate-gate\n")
    env = {**os.environ, **ENV, "PRE_COMMIT_HOME": str(home)}
    env.pop("VIRTUAL_ENV", None)
    return config, env


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    return repo


def _pre_commit(repo: Path, hooks: tuple[Path, dict[str, str]], *args: str
                ) -> subprocess.CompletedProcess[str]:
    config, env = hooks
    return subprocess.run(["pre-commit", "run", "--config", str(config), *args], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=900)


def test_leak_blocked_clean_passes_vendor_ignored(tmp_path: Path,
                                                  hooks: tuple[Path, dict[str, str]]) -> None:
    repo = _repository(tmp_path)
    (repo / "svc").mkdir()
    (repo / "svc" / "leak.go").write_text(LEAK)
    _git(repo, "add", ".")
    blocked = _pre_commit(repo, hooks, "leakgate")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "LG402" in blocked.stdout and "svc/leak.go:7" in blocked.stdout

    (repo / "svc" / "leak.go").write_text(CLEAN)
    _git(repo, "add", ".")
    passed = _pre_commit(repo, hooks, "leakgate")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    (repo / "vendor" / "example.com" / "dep").mkdir(parents=True)
    (repo / "vendor" / "example.com" / "dep" / "leak.go").write_text(LEAK)
    _git(repo, "add", ".")
    vendored = _pre_commit(repo, hooks, "leakgate", "--files",
                           "vendor/example.com/dep/leak.go")
    assert vendored.returncode == 0, vendored.stdout + vendored.stderr


def test_diff_hook_reports_only_new_findings(tmp_path: Path,
                                             hooks: tuple[Path, dict[str, str]]) -> None:
    repo = _repository(tmp_path)
    (repo / "svc").mkdir()
    (repo / "svc" / "old.go").write_text(LEAK)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "debt")
    old_only = _pre_commit(repo, hooks, "leakgate-diff", "--hook-stage", "manual",
                           "--all-files")
    assert old_only.returncode == 0, old_only.stdout + old_only.stderr
    (repo / "svc" / "new.go").write_text(LEAK.replace("func f(", "func h("))
    _git(repo, "add", ".")
    new = _pre_commit(repo, hooks, "leakgate-diff", "--hook-stage", "manual", "--all-files")
    assert new.returncode == 1 and "svc/new.go" in new.stdout and "svc/old.go" not in new.stdout


GATE_OK = """package main

import (
	"log"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
"""


def test_gate_hook(tmp_path: Path, hooks: tuple[Path, dict[str, str]]) -> None:
    repo = _repository(tmp_path)
    (repo / "main.go").write_text(GATE_OK)
    _git(repo, "add", ".")
    accepted = _pre_commit(repo, hooks, "leakgate-gate", "--hook-stage", "manual")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Delivery gate: ACCEPTED" in accepted.stdout or accepted.stdout.count("Passed")
    (repo / "main.go").write_text(GATE_OK.replace(
        ", ReadHeaderTimeout: 10 * time.Second", "").replace('\t"time"\n', ""))
    _git(repo, "add", ".")
    rejected = _pre_commit(repo, hooks, "leakgate-gate", "--hook-stage", "manual")
    assert rejected.returncode == 1 and "REJECTED" in rejected.stdout
