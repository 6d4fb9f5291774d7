"""The command line as users and CI see it: commands, selection, exit codes, formats,
configuration discovery, file discovery, determinism and in-source suppression."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SUMMARY, TEXT_LINE, Run
from leakgate import __version__
from leakgate.cli import cli

LOST = """package p

import "context"

func f() {
	ctx, _ := context.WithCancel(context.Background()) // LG605
	_ = ctx
}
"""
# One finding each of LG605 (error, line 9), LG602 (warning, line 14; opt-in), LG603 (warning,
# line 20): two by default.
MIXED = """package p

import (
	"context"
	"net/http"
)

func lost() {
	ctx, _ := context.WithCancel(context.Background())
	_ = ctx
}

func notPropagated(ctx context.Context) {
	_, _ = http.NewRequestWithContext(context.TODO(), "GET", "/", nil)
	_ = ctx
	_ = 0
}

func noContext() (*http.Response, error) {
	req, err := http.NewRequest("GET", "http://example.com", nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
"""
CLEAN = """package p

import "context"

func f(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	_ = ctx
}
"""




def leakgate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script when on PATH, else `python -m leakgate.cli`."""
    script = shutil.which("leakgate")
    command = [script] if script else [sys.executable, "-m", "leakgate.cli"]
    env = {k: v for k, v in os.environ.items() if k != "LEAKGATE_DEBUG"}
    return subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


# Commands ---------------------------------------------------------------------------------------

def test_version(lint: Callable[..., Run]) -> None:
    run = lint("--version")
    assert run.code == 0 and run.out.strip() == f"leakgate, version {__version__}"


def test_rules_lists_the_context_family() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert {"LG605", "LG602", "LG603", "LG604"} <= set(listed)
    assert listed == sorted(listed)
    assert re.search(r"^LG605\s+vet-lost-cancel\s+error\b", result.output, re.MULTILINE)


def test_opt_in_rules_run_only_when_selected(lint: Callable[..., Run]) -> None:
    """LG503 and LG504 are opt-in (their fresh precision is low): a default run skips them,
    a selector naming them (ID, name or family prefix) runs them."""
    fixture = str(Path(__file__).resolve().parent.parent / "testdata" / "LG503" / "after.go")
    assert "LG503" not in lint("check", "--include-testdata", fixture).out
    for spec in ("LG503", "time-after-in-loop", "LG5"):
        assert "LG503" in lint("check", "--include-testdata", "--select", spec, fixture).out
    listed = CliRunner().invoke(cli, ["rules"]).output
    assert re.search(r"^LG504 .*\(opt-in: --select LG504\)$", listed, re.MULTILINE)
    assert "(opt-in" not in next(line for line in listed.splitlines() if line.startswith("LG402"))


@pytest.mark.parametrize("spec", ["LG605", "vet-lost-cancel", "lg605"])
def test_explain(spec: str) -> None:
    result = CliRunner().invoke(cli, ["explain", spec])
    assert result.exit_code == 0
    assert result.output.startswith("# LG605 vet-lost-cancel\n\nLevel: error · precision: ")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Suppress"):
        assert section in result.output


def test_explain_unknown_rule(lint: Callable[..., Run]) -> None:
    run = lint("explain", "LG999")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("leakgate: error: ") and "LG999" in run.err
    assert len(run.err.splitlines()) == 1


# Real subprocesses ------------------------------------------------------------------------------

def test_subprocess_clean_run(tmp_path: Path) -> None:
    write(tmp_path, {"clean.go": CLEAN})
    done = leakgate("check", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert SUMMARY.match(done.stderr.strip()) and "no findings in 1 file" in done.stderr


def test_subprocess_findings_run(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/lost.go": LOST, "pkg/clean.go": CLEAN})
    done = leakgate("check", "--select", "LG605", "./...", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("leakgate: 1 finding (1 error) in 2 files, ")
    (line,) = done.stdout.splitlines()
    assert line.startswith("pkg/lost.go:6:12: the cancel function returned by context.WithCancel")
    assert line.endswith(" (LG605 vet-lost-cancel)")


def test_subprocess_unknown_option(tmp_path: Path) -> None:
    done = leakgate("check", "--frobnicate", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("leakgate: error: No such option") and "--frobnicate" in line


def test_subprocess_bad_config_value(tmp_path: Path) -> None:
    write(tmp_path, {"lost.go": LOST, "pyproject.toml": '[tool.leakgate]\nfail-on = "sometimes"\n'})
    done = leakgate("check", ".", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("leakgate: error: ") and "pyproject.toml" in line
    assert "fail-on" in line and "'sometimes'" in line and "never" in line


# Selection --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    ([], ["LG605"]),  # LG602 and LG603 are opt-in
    # `--select LG` runs LG403 too: the request of line 56 gets no context and no timeout.
    (["--select", "LG"], ["LG605", "LG602", "LG603", "LG403"]),
    (["--select", "LG6"], ["LG605", "LG602", "LG603"]),
    (["--select", "vet-lost-cancel"], ["LG605"]),
    (["--select", "LG605,LG603"], ["LG605", "LG603"]),
    (["--select", "LG605", "--select", "request-without-context"], ["LG605", "LG603"]),
    (["--select", "LG", "--ignore", "LG605"], ["LG602", "LG603", "LG403"]),
    (["--select", "LG6", "--ignore", "LG602", "--ignore", "vet-lost-cancel"], ["LG603"]),
    (["--select", "LG60"], ["LG605", "LG602", "LG603"]),
])
def test_select_and_ignore(tmp_path: Path, lint: Callable[..., Run], args: list[str],
                           expected: list[str]) -> None:
    write(tmp_path, {"m.go": MIXED})
    run = lint("check", *args, ".")
    # Without --select every family runs; only the context family is under test here.
    got = run.rules() if "--select" in args else [r for r in run.rules() if r.startswith("LG6")]
    assert got == expected
    assert run.code == 1


@pytest.mark.parametrize("args", [["--select", "LG999"], ["--ignore", "leaky"],
                                  ["--select", "LG6,nope"]])
def test_unknown_selector(tmp_path: Path, lint: Callable[..., Run], args: list[str]) -> None:
    write(tmp_path, {"m.go": MIXED})
    run = lint("check", *args, ".")
    assert run.code == 2 and run.out == ""
    assert len(run.err.splitlines()) == 1 and "unknown rule selector" in run.err


# Exit codes -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("select", "fail_on", "code"), [
    ("LG605", None, 1), ("LG605", "error", 1), ("LG605", "warning", 1), ("LG605", "never", 0),
    ("LG602,LG603", None, 1), ("LG602,LG603", "note", 1), ("LG602,LG603", "warning", 1),
    ("LG602,LG603", "error", 0), ("LG602,LG603", "never", 0),
])
def test_fail_on(tmp_path: Path, lint: Callable[..., Run], select: str, fail_on: str | None,
                 code: int) -> None:
    write(tmp_path, {"m.go": MIXED})
    args = ["--fail-on", fail_on] if fail_on else []
    run = lint("check", "--select", select, *args, ".")
    assert run.code == code
    assert run.rules()  # the findings are printed whatever the exit code


def test_clean_run_exits_zero(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"clean.go": CLEAN})
    run = lint("check")
    assert (run.code, run.out) == (0, "") and SUMMARY.match(run.err.strip())
    assert lint("check", "-q").err == ""  # --quiet: nothing but errors on stderr


# Formats ----------------------------------------------------------------------------------------

def test_json_format(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"pkg/lost.go": LOST})
    run = lint("check", "--format", "json", ".")
    assert run.code == 1
    document = json.loads(run.out)
    (finding,) = document["findings"]
    assert finding["rule"] == "LG605" and finding["level"] == "error"
    assert (finding["path"], finding["line"], finding["column"]) == ("pkg/lost.go", 6, 12)
    assert finding["function"] == "f" and finding["fingerprint"]
    assert document["notifications"] == []


def test_several_formats_and_outputs(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"lost.go": LOST})
    run = lint("check", "--format", "json", "--output", "out.json", "--format", "github",
               "--output", "out.github", "--format", "text", ".")
    assert run.code == 1
    assert run.rules() == ["LG605"]  # the format without an --output goes to stdout
    assert json.loads((tmp_path / "out.json").read_text())["findings"][0]["rule"] == "LG605"
    github = (tmp_path / "out.github").read_text()
    assert github.startswith("::error file=lost.go,line=6,col=12,")
    assert "title=LG605::" in github


def test_output_without_format_uses_text(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"lost.go": LOST})
    run = lint("check", "--output", "out.txt", ".")
    assert run.code == 1 and run.out == ""
    assert (tmp_path / "out.txt").read_text().startswith("lost.go:6:12: ")


def test_text_line_shape_relative_to_cwd(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"a/b/lost.go": LOST, "a/m.go": MIXED})
    run = lint("check", "--select", "LG6", str(tmp_path / "a"))  # absolute arg, relative output
    lines = run.out.splitlines()
    assert [TEXT_LINE.match(line) is not None for line in lines] == [True] * 4, run.out
    assert run.paths() == ["a/b/lost.go", "a/m.go", "a/m.go", "a/m.go"]  # sorted by path, line
    first = TEXT_LINE.match(lines[0])
    assert first is not None
    assert (first["line"], first["col"], first["id"], first["name"]) == \
        ("6", "12", "LG605", "vet-lost-cancel")


def test_text_paths_from_a_subdirectory(tmp_path: Path, lint: Callable[..., Run],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"a/b/lost.go": LOST})
    monkeypatch.chdir(tmp_path / "a")
    assert lint("check", "b").paths() == [os.path.join("b", "lost.go")]


# Configuration ----------------------------------------------------------------------------------

def test_pyproject_select_ignore_and_fail_on(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"m.go": MIXED, "pyproject.toml": """
[project]
name = "x"

[tool.leakgate]
select = ["LG6"]
ignore = ["LG605"]
fail-on = "error"
"""})
    run = lint("check", ".")
    assert run.rules() == ["LG602", "LG603"] and run.code == 0
    assert lint("check", "--fail-on", "warning", ".").code == 1  # the flag wins
    assert lint("check", "--select", "LG605", ".").rules() == []  # config ignore still applies


def test_pyproject_found_from_a_subdirectory(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"svc/pkg/m.go": MIXED,
                     "pyproject.toml": '[tool.leakgate]\nselect = ["vet-lost-cancel"]\n'})
    assert lint("check", "svc/pkg").rules() == ["LG605"]
    assert lint("check", "./svc/...").rules() == ["LG605"]


def test_pyproject_without_our_table_is_skipped(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"m.go": MIXED, "pkg/pyproject.toml": '[project]\nname = "x"\n',
                     "pkg/m.go": MIXED, ".leakgate.toml": 'select = ["LG603"]\n'})
    assert lint("check", "pkg").rules() == ["LG603"]


def test_pyproject_exclude(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"keep/m.go": LOST, "gen/m.go": LOST, "x_mock.go": LOST,
                     "pyproject.toml": '[tool.leakgate]\nexclude = ["gen", "*_mock.go"]\n'})
    assert lint("check", ".").paths() == ["keep/m.go"]
    assert lint("check", "--exclude", "keep/", ".").paths() == []


def test_pyproject_rule_level(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"lost.go": LOST, "pyproject.toml": """
[tool.leakgate]
fail-on = "warning"

[tool.leakgate.rules.LG605]
level = "note"
"""})
    run = lint("check", "--format", "json", ".")
    assert run.code == 0
    assert [f["level"] for f in json.loads(run.out)["findings"]] == ["note"]
    assert lint("check", "--fail-on", "note", ".").code == 1


def test_pyproject_per_path_ignores(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"legacy/m.go": MIXED, "new/m.go": MIXED, "pyproject.toml":
                     '[tool.leakgate]\nselect = ["LG6"]\n'
                     '[tool.leakgate.per-path-ignores]\n"legacy/*" = ["LG605", "LG603"]\n'})
    run = lint("check", ".")
    assert list(zip(run.paths(), run.rules(), strict=True)) == [
        ("legacy/m.go", "LG602"), ("new/m.go", "LG605"), ("new/m.go", "LG602"),
        ("new/m.go", "LG603")]


def test_config_globs_are_relative_to_the_config_file(tmp_path: Path,
                                                     lint: Callable[..., Run],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The same configuration gives the same result wherever leakgate is started."""
    write(tmp_path, {"svc/gen/m.go": LOST, "svc/legacy/m.go": LOST, "svc/m.go": LOST,
                     "svc/.leakgate.toml": 'exclude = ["gen"]\n'
                     '[per-path-ignores]\n"legacy/*" = ["LG605"]\n'})
    assert lint("check", "svc").paths() == ["svc/m.go"]
    monkeypatch.chdir(tmp_path / "svc")
    assert lint("check").paths() == ["m.go"]
    monkeypatch.chdir(tmp_path / "svc" / "legacy")
    assert lint("check", "..").paths() == [str(tmp_path / "svc" / "m.go")]
    # Command-line globs are relative to the working directory.
    monkeypatch.chdir(tmp_path)
    assert lint("check", "--exclude", "svc/m.go", "svc").paths() == []


def test_explicit_config_file(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"m.go": MIXED, "ci.toml": 'select = ["LG603"]\n',
                     ".leakgate.toml": 'select = ["LG602"]\n'})
    assert lint("check", ".").rules() == ["LG602"]
    assert lint("check", "--config", "ci.toml", ".").rules() == ["LG603"]


# Discovery --------------------------------------------------------------------------------------

def test_dot_dot_dot(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"a/lost.go": LOST, "a/b/lost.go": LOST, "lost.go": LOST})
    expected = ["a/b/lost.go", "a/lost.go", "lost.go"]
    assert lint("check", "./...").paths() == expected
    assert lint("check", "...").paths() == expected
    assert lint("check").paths() == expected
    assert lint("check", "./a/...").paths() == ["a/b/lost.go", "a/lost.go"]


def test_vendor_testdata_hidden_dirs(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"lost.go": LOST, "vendor/v/lost.go": LOST, "testdata/lost.go": LOST,
                     "a/testdata/lost.go": LOST, ".git/lost.go": LOST, "_tmp/lost.go": LOST})
    assert lint("check", ".").paths() == ["lost.go"]
    assert lint("check", "--include-vendor", ".").paths() == ["lost.go", "vendor/v/lost.go"]
    assert lint("check", "--include-testdata", ".").paths() == [
        "a/testdata/lost.go", "lost.go", "testdata/lost.go"]
    write(tmp_path, {".leakgate.toml": "include-vendor = true\n"})
    assert lint("check", ".").paths() == ["lost.go", "vendor/v/lost.go"]


GENERATED = "// Code generated by protoc-gen-go. DO NOT EDIT.\n\n"


def test_generated_files_skipped(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"gen.pb.go": GENERATED + LOST, "lost.go": LOST,
                     "late.go": "// Copyright\n\npackage p\n\n" + GENERATED
                     + LOST.removeprefix("package p\n")})
    assert lint("check", ".").paths() == ["late.go", "lost.go"]  # header after package: not
    assert lint("check", "--include-generated", ".").paths() == ["gen.pb.go", "late.go", "lost.go"]


def test_generated_marker_after_leading_package(tmp_path: Path,
                                                lint: Callable[..., Run]) -> None:
    write(tmp_path, {"late.go": LOST.replace("package p", "package p\n\n" + GENERATED.strip())})
    assert lint("check", ".").paths() == ["late.go"]


def test_output_is_deterministic_across_jobs(tmp_path: Path, lint: Callable[..., Run]) -> None:
    for i in range(20):
        write(tmp_path, {f"p{i % 3}/f{i:02}.go": MIXED if i % 2 else LOST})
    write(tmp_path, {"p0/bad.go": "package p\n\nfunc broken( {\n"})
    for fmt in ("text", "json"):
        one = lint("check", "--jobs", "1", "--format", fmt, ".")
        two = lint("check", "--jobs", "2", "--format", fmt, ".")
        assert one.code == two.code == 1
        assert one.out == two.out
    assert len(one.out) > 1000


# Suppression ------------------------------------------------------------------------------------

SUPPRESSED = """package p

import "context"

func before() {
	//leakgate:ignore LG605 test helper, cancelled by the caller
	ctx, _ := context.WithCancel(context.Background())
	_ = ctx
}

func endOfLine() {
	ctx, _ := context.WithCancel(context.Background()) //leakgate:ignore vet-lost-cancel tests only
	_ = ctx
}

func nolintRule() {
	ctx, _ := context.WithCancel(context.Background()) //nolint:LG605 // short-lived
	_ = ctx
}

func nolintTool() {
	ctx, _ := context.WithCancel(context.Background()) //nolint:leakgate
	_ = ctx
}

func otherLinter() {
	ctx, _ := context.WithCancel(context.Background()) //nolint:errcheck
	_ = ctx
}
"""


def test_suppressions(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"s.go": SUPPRESSED})
    run = lint("check", ".")
    assert run.code == 1
    assert run.out.splitlines() == [
        "s.go:27:12: the cancel function returned by context.WithCancel should be called, not "
        "discarded, to avoid a context leak (LG605 vet-lost-cancel)"]
    kept = lint("check", "--include-suppressed", ".")
    lines = kept.out.splitlines()
    assert [line.split(":")[1] for line in lines] == ["7", "12", "17", "22", "27"]
    assert lines[0].endswith("(LG605 vet-lost-cancel) [suppressed: test helper, cancelled by the "
                             "caller]")
    assert lines[1].endswith("[suppressed: tests only]")
    assert all("[suppressed: " in line for line in lines[:4])
    assert kept.code == 1  # from line 27 only
    document = json.loads(lint("check", "--include-suppressed", "--format", "json", ".").out)
    assert [f.get("suppressed") for f in document["findings"]] == [
        "test helper, cancelled by the caller", "tests only", "short-lived", "nolint", None]


def test_suppressed_findings_do_not_fail(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"s.go": SUPPRESSED.replace("//nolint:errcheck", "//nolint")})
    assert lint("check", ".").code == 0
    assert lint("check", "--include-suppressed", ".").code == 0


def test_directive_without_reason(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"s.go": LOST.replace("\tctx, _", "\t//leakgate:ignore LG605\n\tctx, _")})
    run = lint("check", ".")
    assert run.rules() == ["LG000", "LG605"]
    assert run.out.splitlines()[0] == ("s.go:6:2: suppression directive gives no reason; it "
                                       "suppresses nothing (LG000 unused-suppression)")
    assert run.code == 1


def test_unused_directive(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"s.go": CLEAN.replace("defer cancel()",
                                           "defer cancel() //leakgate:ignore LG605 x")})
    run = lint("check", ".")
    assert run.out.splitlines() == [
        "s.go:7:17: suppression of LG605 matches no finding: remove it "
        "(LG000 unused-suppression)"]
    assert run.code == 1  # a note, and the default --fail-on is note
    assert lint("check", "--fail-on", "warning", ".").code == 0
    assert lint("check", "--ignore", "LG000", ".").out == ""
    # A directive for a rule that did not run cannot be called unused.
    assert lint("check", "--select", "LG000,LG602", ".").out == ""


def test_package_findings_are_identical_across_jobs(lint: Callable[..., Run]) -> None:
    """Findings that need a package's other files (fixture packages of several files) come
    out byte-identical whatever the number of worker processes, in every format."""
    fixtures = str(Path(__file__).resolve().parent.parent / "testdata")
    every = ("--select", "LG")  # the opt-in rules too: LG101's and LG102's package findings
    for fmt in ("text", "sarif"):
        one = lint("check", *every, "--jobs", "1", "--format", fmt, "--category", "x", fixtures)
        two = lint("check", *every, "--jobs", "2", "--format", fmt, "--category", "x", fixtures)
        assert one.code == two.code == 1
        assert one.out == two.out
    assert "does not close it" in lint("check", *every, "-j", "2", fixtures).out


def test_summary_counts_levels(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"mixed.go": MIXED})
    run = lint("check", "--select", "LG605,LG603", "mixed.go")
    assert run.err.strip().startswith("leakgate: 2 findings (1 error, 1 warning) in 1 file, ")
    assert SUMMARY.match(run.err.strip())
    # No summary among machine-read formats on their own.
    assert "leakgate:" not in lint("check", "--format", "json", "mixed.go").err


def test_no_go_files_is_an_error(tmp_path: Path, lint: Callable[..., Run]) -> None:
    (tmp_path / "empty").mkdir()
    for target in ("empty", "missing-dir"):
        run = lint("check", target)
        assert run.code == 2 and run.out == ""
        assert run.err.startswith("leakgate: error: ") and len(run.err.splitlines()) == 1
        assert "no Go files found" in run.err or "does not exist" in run.err or \
            "missing-dir" in run.err


def test_two_formats_cannot_share_stdout(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"clean.go": CLEAN})
    run = lint("check", "--format", "text", "--format", "json")
    assert run.code == 2 and run.out == "" and "standard output" in run.err
    ok = lint("check", "--format", "json", "--format", "text", "--output", "out.json")
    assert ok.code == 0 and (tmp_path / "out.json").is_file()


def test_colour(tmp_path: Path, lint: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"lost.go": LOST})
    plain = lint("check")
    assert "\x1b[" not in plain.out  # not a terminal
    coloured = lint("check", "--color", "always")
    assert "\x1b[1mlost.go:6:12:\x1b[0m" in coloured.out and "\x1b[31m(LG605" in coloured.out
    assert "\x1b[" not in lint("check", "--color", "never").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in lint("check").out
    # JSON and SARIF are never coloured.
    assert "\x1b[" not in lint("check", "--color", "always", "--format", "json").out


@pytest.mark.parametrize("fmt", ["checkstyle", "junit"])
def test_xml_formats(tmp_path: Path, lint: Callable[..., Run], fmt: str) -> None:
    import xml.etree.ElementTree as ET

    write(tmp_path, {"mixed.go": MIXED, "hostile.go": 'package p\n\nimport "context"\n\n'
                     'func f() { ctx, _ := context.WithCancel(context.Background()) '
                     '// </error>"&<x>\n\t_ = ctx\n}\n'})
    run = lint("check", "--select", "LG605,LG603", "--format", fmt, ".")
    assert run.code == 1
    root = ET.fromstring(run.out.split("\n", 1)[1])  # parses: everything escaped
    if fmt == "checkstyle":
        errors = root.findall("./file/error")
        assert len(errors) == 3 and {e.get("source") for e in errors} >= {"leakgate.LG605"}
        assert {e.get("severity") for e in errors} == {"error", "warning"}
    else:
        cases = root.findall("./testsuite/testcase")
        assert root.get("tests") == root.get("failures") == "3" and len(cases) == 3
        assert all(case.find("failure") is not None for case in cases)
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "ok.go").write_text(CLEAN)
    empty = lint("check", "--format", fmt, str(clean))
    assert empty.code == 0 and ET.fromstring(empty.out.split("\n", 1)[1]) is not None


# Baselines ---------------------------------------------------------------------------------------

def test_baseline_accepts_old_findings_and_catches_new(tmp_path: Path,
                                                       lint: Callable[..., Run]) -> None:
    write(tmp_path, {"mixed.go": MIXED})
    two = ("--select", "LG605,LG603")  # the baseline holds LG602's too: it runs every rule
    made = lint("baseline", "create", "baseline.json", ".")
    assert made.code == 0 and (tmp_path / "baseline.json").is_file()
    accepted = lint("check", *two, "--baseline", "baseline.json", ".")
    assert accepted.code == 0 and accepted.out == ""
    assert "no findings (+2 baselined)" in accepted.err
    # Lines inserted above and the file reformatted: still baselined.
    source = (tmp_path / "mixed.go").read_text()
    moved = source.replace("func lost() {", "// a comment\n\n\nfunc lost() {\n").replace(
        "ctx, _ := context.WithCancel", "ctx,   _   :=   context.WithCancel")
    (tmp_path / "mixed.go").write_text(moved)
    assert lint("check", *two, "--baseline", "baseline.json", ".").code == 0
    # A new leak is new.
    (tmp_path / "new.go").write_text(LOST.replace("func f()", "func g()"))
    fresh = lint("check", *two, "--baseline", "baseline.json", ".")
    assert fresh.code == 1 and fresh.rules() == ["LG605"] and "new.go" in fresh.out
    assert "1 finding (1 error) (+2 baselined)" in fresh.err
    sarif_log = json.loads(lint("check", *two, "--baseline", "baseline.json", "--format",
                                "sarif", ".").out)
    states = sorted(r["baselineState"] for r in sarif_log["runs"][0]["results"])
    assert states == ["new", "unchanged", "unchanged"]


def test_bad_baseline_file(tmp_path: Path, lint: Callable[..., Run]) -> None:
    write(tmp_path, {"clean.go": CLEAN, "bad.json": "{\"tool\": \"other\"}", "broken.json": "{"})
    for name in ("bad.json", "broken.json", "missing.json"):
        run = lint("check", "--baseline", name, ".")
        assert run.code == 2 and run.err.startswith("leakgate: error: ") and name in run.err
        assert len(run.err.splitlines()) == 1


def test_new_from_rev(tmp_path: Path, lint: Callable[..., Run]) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})

    git("init", "-q")
    write(tmp_path, {"svc/old.go": LOST})
    git("add", ".")
    git("commit", "-qm", "old debt")
    # Lines inserted above the old leak, and a new leak in another file.
    (tmp_path / "svc/old.go").write_text(LOST.replace("func f() {", "// doc\n\nfunc f() {"))
    write(tmp_path, {"svc/new.go": LOST.replace("func f()", "func g()")})
    run = lint("check", "--new-from-rev", "HEAD", "svc")
    assert run.code == 1 and run.paths() == ["svc/new.go"]
    assert "(+1 baselined)" in run.err
    bad = lint("check", "--new-from-rev", "no-such-rev", "svc")
    assert bad.code == 2 and "--new-from-rev" in bad.err and len(bad.err.splitlines()) == 1


def test_lost_cancel_is_one_alert_with_two_places(tmp_path: Path,
                                                  lint: Callable[..., Run]) -> None:
    write(tmp_path, {"leak.go": """package p

import "context"

func f(ok bool) error {
	ctx, cancel := context.WithCancel(context.Background())
	if ok {
		return nil
	}
	defer cancel()
	return ctx.Err()
}
"""})
    text = lint("check", "leak.go")
    assert text.rules() == ["LG605"]
    assert "\n    leak.go:8:3: this return can be reached without using the cancel" in text.out
    log = json.loads(lint("check", "--format", "sarif", "leak.go").out)
    (result,) = log["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 8
    assert related["message"]["text"].startswith("this return can be reached")
