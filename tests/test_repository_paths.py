"""SARIF paths are relative to the repository, not to the directory scanned: code scanning
resolves them against the checkout root. Fingerprints do not change with the scan root."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import Run

LOST = """package api

import "context"

func f() {
	ctx, _ := context.WithCancel(context.Background())
	_ = ctx
}
"""


def _repository(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    package = tmp_path / "server" / "api"
    package.mkdir(parents=True)
    (package / "http.go").write_text(LOST)
    return tmp_path


def _results(run: Run) -> list[dict]:
    log = json.loads(run.out)
    (sarif_run,) = log["runs"]
    return sarif_run["results"], sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"]


def test_uris_relative_to_the_repository(tmp_path: Path, lint: Callable[..., Run]) -> None:
    repo = _repository(tmp_path)
    whole, whole_root = _results(lint("check", "--format", "sarif", "."))
    part, part_root = _results(lint("check", "--format", "sarif", "server"))
    for results in (whole, part):
        (result,) = results
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "server/api/http.go", "uriBaseId": "%SRCROOT%"}
    assert whole_root == part_root == repo.as_uri() + "/"
    assert whole[0]["partialFingerprints"] == part[0]["partialFingerprints"]


def test_root_option(tmp_path: Path, lint: Callable[..., Run]) -> None:
    _repository(tmp_path)
    results, root = _results(lint("check", "--format", "sarif", "--root", "server", "server"))
    location = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "api/http.go" and root.endswith("/server/")
