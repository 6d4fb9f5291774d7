"""The module view: import paths to directories (the module's own packages, nested modules,
`replace`, `go.work`, `vendor/`, the module cache, a GOPATH tree), and the packages of a
module that call a package's functions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from leakgate.engine import directory_view
from leakgate.semantics.module import (
    directory_of,
    layout_of,
    method_calls_by_name,
    module_callers,
    project_root,
)

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
SHOP = TESTDATA / "LG603" / "module"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def test_own_packages_and_nested_modules(tmp_path: Path) -> None:
    _write(tmp_path, {
        "m/go.mod": "module example.com/m\n\ngo 1.21\n",
        "m/a/a.go": "package a\n",
        "m/tools/go.mod": "module example.com/m/tools\n",
        "m/tools/gen/gen.go": "package gen\n",
        "m/docs/go.mod": "module example.com/docs\n",
        "m/docs/example/e.go": "package example\n",
    })
    layout = layout_of(str(tmp_path / "m" / "a"))
    assert layout is not None and layout.path == "example.com/m"
    assert directory_of(layout, "example.com/m/a") == str(tmp_path / "m" / "a")
    # A nested module answers for the path it declares, not for the one its place spells.
    assert directory_of(layout, "example.com/m/tools/gen") == str(tmp_path / "m" / "tools" / "gen")
    assert directory_of(layout, "example.com/m/docs/example") is None
    assert layout_of(str(tmp_path / "m" / "docs" / "example")).path == "example.com/docs"
    assert directory_of(layout, "example.com/m/missing") is None


def test_replace_vendor_and_module_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GOMODCACHE", str(cache))
    _write(tmp_path, {
        "m/go.mod": (
            "module example.com/m\n\nrequire (\n\tgithub.com/Azure/sdk v1.2.3 // indirect\n)\n"
            "require golang.org/x/sync v0.5.0\n"
            "replace example.com/lib => ../lib\n"
            "replace (\n\texample.com/far v1.0.0 => /nonexistent/far\n)\n"),
        "m/main.go": "package main\n",
        "lib/store/store.go": "package store\n",
        "m/vendor/github.com/pkg/errors/errors.go": "package errors\n",
        "cache/github.com/!azure/sdk@v1.2.3/storage/blob.go": "package storage\n",
    })
    layout = layout_of(str(tmp_path / "m"))
    assert layout is not None
    assert directory_of(layout, "example.com/lib/store") == str(tmp_path / "lib" / "store")
    assert directory_of(layout, "example.com/far") is None  # replaced by a path not on disk
    assert directory_of(layout, "github.com/pkg/errors") == \
        str(tmp_path / "m" / "vendor" / "github.com" / "pkg" / "errors")
    assert directory_of(layout, "github.com/Azure/sdk/storage") == \
        str(cache / "github.com" / "!azure" / "sdk@v1.2.3" / "storage")
    assert directory_of(layout, "golang.org/x/sync/errgroup") is None  # not in the cache


def test_workspace(tmp_path: Path) -> None:
    _write(tmp_path, {
        "go.work": "go 1.21\n\nuse (\n\t./svc\n\t./shared\n)\n",
        "svc/go.mod": "module example.com/svc\n",
        "svc/main.go": "package main\n",
        "shared/go.mod": "module example.com/shared\n",
        "shared/auth/auth.go": "package auth\n",
    })
    layout = layout_of(str(tmp_path / "svc"))
    assert layout is not None and layout.path == "example.com/svc"
    assert directory_of(layout, "example.com/shared/auth") == str(tmp_path / "shared" / "auth")


def test_gopath_tree(tmp_path: Path) -> None:
    _write(tmp_path, {
        "src/github.com/owner/repo/server/server.go": "package server\n",
        "src/github.com/owner/repo/client/client.go": "package client\n",
        "src/gopkg.in/yaml.v2/yaml.go": "package yaml\n",
        "src/github.com/owner/lib/go.mod": "module github.com/owner/lib\n",
        "src/github.com/owner/lib/lib.go": "package lib\n",
    })
    server = tmp_path / "src" / "github.com" / "owner" / "repo" / "server"
    layout = layout_of(str(server))
    assert layout is not None and layout.gopath
    assert directory_of(layout, "github.com/owner/repo/client") == str(server.parent / "client")
    assert project_root(layout, str(server)) == str(server.parent)
    assert project_root(layout, str(tmp_path / "src" / "gopkg.in" / "yaml.v2")) == \
        str(tmp_path / "src" / "gopkg.in" / "yaml.v2")
    # A module inside the tree resolves other modules through the tree (Debian's layout).
    module = layout_of(str(tmp_path / "src" / "github.com" / "owner" / "lib"))
    assert module is not None and not module.gopath
    assert directory_of(module, "github.com/owner/repo/client") == str(server.parent / "client")


def test_no_module_no_tree(tmp_path: Path) -> None:
    _write(tmp_path, {"loose/x.go": "package x\n"})
    assert layout_of(str(tmp_path / "loose")) is None
    view = directory_view(str(tmp_path / "loose"))
    assert view.module is None


def test_module_callers_across_packages() -> None:
    view = directory_view(str(SHOP / "api"))
    assert view.module is not None and view.module.import_path(view) == "example.com/shop/api"
    assert view.module.importers("example.com/shop/api") == sorted(
        str(SHOP / d) for d in ("cmd/shopd", "tools", "worker"))
    callers = [(Path(file.path).parent.name, call.start_point[0] + 1)
               for file, call in module_callers(view, "NewFetcher")]
    assert callers == [("shopd", 12)]
    assert [Path(f.path).parent.name for f, _ in module_callers(view, "Build")] == ["worker"]


def _findings(*paths: Path) -> set[tuple[str, int, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "leakgate.cli", "check", "--format", "json", "-q", "--select",
         "LG", "--include-testdata", "--allow-unanalysed", *map(str, paths)],
        capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return {(Path(f["path"]).name, f["line"], f["rule"])
            for f in json.loads(done.stdout)["findings"]}


def test_a_file_alone_gets_what_the_directory_run_gives() -> None:
    alone = _findings(SHOP / "api" / "fetch.go")
    whole = {f for f in _findings(SHOP) if f[0] == "fetch.go"}
    assert alone == whole == {("fetch.go", 17, "LG603"), ("fetch.go", 48, "LG603")}


def test_importers_of_a_single_element_module_path(tmp_path: Path) -> None:
    _write(tmp_path, {
        "shop/go.mod": "module shop\n",
        "shop/shop.go": "package shop\n\nfunc Open() {}\n",
        "shop/cmd/shopd/main.go": 'package main\n\nimport "shop"\n\nfunc main() { shop.Open() }\n',
    })
    view = directory_view(str(tmp_path / "shop"))
    assert view.module is not None and view.module.import_path(view) == "shop"
    assert view.module.importers("shop") == [str(tmp_path / "shop" / "cmd" / "shopd")]
    assert [call.start_point[0] + 1 for _, call in module_callers(view, "Open")] == [5]


def test_underscore_directories_call_but_testdata_does_not(tmp_path: Path) -> None:
    """`_examples` is left out of `./...` by the go tool, but its programs still call the
    module's packages; testdata and vendor hold no callers."""
    main = 'package main\n\nimport "shop/park"\n\nfunc main() { park.Run() }\n'
    _write(tmp_path, {
        "shop/go.mod": "module shop\n",
        "shop/park/park.go": "package park\n\nfunc Run() { select {} }\n",
        "shop/_examples/main.go": main,
        "shop/testdata/main.go": main,
        "shop/vendor/x/main.go": main,
    })
    view = directory_view(str(tmp_path / "shop" / "park"))
    assert view.module is not None
    assert view.module.importers("shop/park") == [str(tmp_path / "shop" / "_examples")]


def test_test_support_is_followed_up_its_importers(tmp_path: Path) -> None:
    """A package whose every production importer is test support is test support too (an e2e
    suite's helpers, imported by suites only `_test.go` files import); one production
    importer anywhere makes it the program's. A test one directory below counts as beside."""
    _write(tmp_path, {
        "shop/go.mod": "module shop\n",
        "shop/e2e/helper/helper.go": "package helper\n\nfunc Install() {}\n",
        "shop/e2e/suites/suite.go":
            'package suites\n\nimport "shop/e2e/helper"\n\nfunc Run() { helper.Install() }\n',
        "shop/e2e/gateway/gateway_test.go":
            'package gateway\n\nimport "shop/e2e/suites"\n\nfunc TestIt() { suites.Run() }\n',
        "shop/lib/lib.go": "package lib\n\nfunc Open() {}\n",
        "shop/lib/fake/fake.go":
            'package fake\n\nimport "shop/lib"\n\nfunc New() { lib.Open() }\n',
        "shop/lib/fake/fake_test.go": 'package fake\n\nimport "shop/lib"\n',
        "shop/cmd/shopd/main.go":
            'package main\n\nimport "shop/lib"\n\nfunc main() { lib.Open() }\n',
        "shop/probe/probe.go": "package probe\n\nfunc Check() {}\n",
        "shop/probe/run/run_test.go": 'package run\n\nimport "shop/probe"\n',
    })
    for directory, expected in (("e2e/helper", True), ("e2e/suites", True), ("lib", False),
                                ("probe", True)):
        view = directory_view(str(tmp_path / "shop" / directory))
        assert view.module is not None
        assert view.module.only_tests_import(view) is expected, directory


def test_test_support_anywhere_and_methods_by_name(tmp_path: Path) -> None:
    """A package that only tests import, from anywhere in the module, is test support (dolt's
    `dtestutils/testcommands`); a method is looked for by name in the importing packages."""
    _write(tmp_path, {
        "go.mod": "module example.com/m\n\ngo 1.21\n",
        "cmd/app/main.go": 'package main\n\nimport "example.com/m/jobs"\n\n'
                           'func main() {\n\tj := jobs.New()\n\tfor {\n\t\tj.Run()\n\t}\n}\n',
        "jobs/jobs.go": "package jobs\n\ntype Job struct{}\n\nfunc New() *Job { return &Job{} }\n\n"
                        "func (j *Job) Run() {}\n",
        "util/testjobs/testjobs.go": 'package testjobs\n\nimport "example.com/m/jobs"\n\n'
                                    "func Make() *jobs.Job { return jobs.New() }\n",
        "far/away/x_test.go": 'package away\n\nimport "example.com/m/util/testjobs"\n\n'
                              "var _ = testjobs.Make\n",
    })
    support = directory_view(str(tmp_path / "util" / "testjobs"))
    jobs = directory_view(str(tmp_path / "jobs"))
    assert support.module is not None and support.module.tests_alone_import(support)
    assert jobs.module is not None and not jobs.module.tests_alone_import(jobs)
    run = jobs.methods_named("Run")["Job"][0]
    calls = [(file.package, call.start_point[0] + 1) for file, call in method_calls_by_name(run)]
    assert calls == [("main", 8)]
