"""Packaging: the wheel, installed into a clean virtual environment, is the product users get.

Source-tree tests cannot see a module missing from the wheel, an entry point that names the
source layout (`linter`, `rules`) instead of the installed one (`leakgate`), or a rule pack
plugged in by a third party. These tests build the wheel, install it with its dependencies
into ONE fresh venv shared by the module, and run the installed `leakgate` script there.

Failures of the environment (no venv, no index) skip on a developer machine but fail in CI
(`CI=true`); failures of the product always fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parents[1]
VERSION = "0.1.0"
BUILD_TIMEOUT = 600
COMMAND_TIMEOUT = 120

# Top-level paths a packaging build must not pick up (a stale build/lib can smuggle deleted
# modules into a wheel) or that only slow the copy down.
_NOT_SOURCE_TOP = {".git", "build", "dist", ".venv", "venv", "testdata", "tests", "bench"}

# pip output that means "the index could not be reached", not "the project is broken".
_NETWORK_TROUBLE = re.compile(
    r"No matching distribution|Could not find a version|NewConnectionError|Max retries|"
    r"Temporary failure in name resolution|Network is unreachable|Connection (refused|reset)|"
    r"ConnectTimeout|ReadTimeout|timed out|SSLError|ProxyError|Name or service not known",
    re.IGNORECASE)

LOST_CANCEL_GO = """\
package demo

import "context"

func leak() context.Context {
	ctx, _ := context.WithCancel(context.Background())
	return ctx
}
"""

PRINTLN_GO = """\
package demo

import (
	"context"
	"fmt"
)

func hello() {
	fmt.Println("x")
}

func leak() context.Context {
	ctx, _ := context.WithCancel(context.Background())
	return ctx
}
"""

DEMO_PLUGIN = '''\
"""A third-party rule pack, written only against the public `leakgate` namespace."""

from leakgate.findings import Level, rule


@rule(id="LG999", name="demo-println", level=Level.WARNING, precision="high",
      tags=("demo",), imports=("fmt",), summary="A call to fmt.Println",
      help="Reports every call to fmt.Println; exists to test rule-pack plugins.")
def demo_println(ctx):
    for call, _name in ctx.calls_to("fmt", {"Println"}):
        ctx.report(call, "fmt.Println called (demo plugin)")


RULES = [demo_println]
'''

BROKEN_PLUGIN = '''\
"""A rule pack whose import fails, as a plugin with a missing dependency does."""

import does_not_exist_xyz  # noqa: F401

RULES = []
'''


def _unavailable(reason: str) -> NoReturn:
    """Skip on a developer machine without venv/network; in CI the same problem is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"packaging test environment unavailable in CI: {reason}")
    pytest.skip(f"packaging test environment unavailable: {reason}")


def _env() -> dict[str, str]:
    """The environment of every child: nothing that would put the source tree on sys.path."""
    # LEAKGATE_DEBUG turns one-line errors into tracebacks: not what users see.
    dropped = ("PYTHONPATH", "PYTHONHOME", "LEAKGATE_DEBUG")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    return env


def _run(args: Sequence[str | Path], cwd: Path,
         timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=timeout, check=False)


def _pip_failed(result: subprocess.CompletedProcess[str], what: str) -> NoReturn:
    """A pip failure is the environment's fault only if pip says it could not reach the index."""
    output = f"{result.stdout}\n{result.stderr}"
    message = f"{what} failed (exit {result.returncode}):\n{output[-4000:]}"
    if _NETWORK_TROUBLE.search(output):
        _unavailable(f"package index unreachable? {message}")
    pytest.fail(message)


def _pip_version() -> tuple[int, ...]:
    result = _run([sys.executable, "-m", "pip", "--version"], REPO)
    match = re.match(r"pip (\d+)\.(\d+)", result.stdout)
    return tuple(int(part) for part in match.groups()) if match else (0,)


@dataclass(frozen=True)
class Venv:
    root: Path
    python: Path
    leakgate: Path
    pip: tuple[str, ...]
    wheels: Path
    work: Path  # an empty cwd for every command: never the repository

    def run(self, *args: str | Path, timeout: float = COMMAND_TIMEOUT
            ) -> subprocess.CompletedProcess[str]:
        return _run([self.leakgate, *args], self.work, timeout)

    def install(self, distribution: str) -> None:
        """Install one of the built wheels; its dependencies (leakgate) are already there."""
        (wheel,) = self.wheels.glob(f"{distribution.replace('-', '_')}-*.whl")
        result = _run([*self.pip, "install", "--no-index", "--find-links", self.wheels, wheel],
                      self.work, BUILD_TIMEOUT)
        if result.returncode != 0:
            pytest.fail(f"installing {wheel.name} failed:\n{result.stdout}\n{result.stderr}")

    def uninstall(self, distribution: str) -> None:
        result = _run([*self.pip, "uninstall", "-y", distribution], self.work, BUILD_TIMEOUT)
        assert result.returncode == 0, result.stderr


def _write_plugin(root: Path, distribution: str, module: str, entry: str, code: str) -> Path:
    """A minimal setuptools project registering ``module`` under the leakgate.rules group."""
    project = root / distribution
    project.mkdir(parents=True)
    (project / f"{module}.py").write_text(code, encoding="utf-8")
    (project / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{distribution}"
        version = "1.0"
        dependencies = ["leakgate"]

        [project.entry-points."leakgate.rules"]
        {entry} = "{module}"

        [tool.setuptools]
        py-modules = ["{module}"]
        """), encoding="utf-8")
    return project


def _not_source(directory: str, names: list[str]) -> set[str]:
    """What copytree skips: build leftovers anywhere, non-package folders at the top."""
    top = Path(directory) == REPO
    return {name for name in names
            if name == "__pycache__" or name.endswith((".egg-info", "_cache"))
            or (top and name in _NOT_SOURCE_TOP)}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """Build the wheels and install leakgate into one fresh venv, once for the module."""
    base = tmp_path_factory.mktemp("packaging")
    work = base / "work"
    work.mkdir()
    # Build from a clean copy: the repository's own build/ and egg-info stay out of the wheel,
    # and a build never writes into a tree other people are editing. Build isolation, so the
    # declared [build-system] is what is tested.
    source = base / "source"
    shutil.copytree(REPO, source, ignore=_not_source)
    wheels = base / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source],
                 work, BUILD_TIMEOUT)
    if built.returncode != 0:
        _pip_failed(built, "pip wheel of leakgate")
    (wheel,) = wheels.glob("leakgate-*.whl")

    root = base / "venv"
    bindir = root / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    # pip >= 22.3 can install into another interpreter: a venv without its own pip is made in
    # a tenth of a second instead of five.
    outside_pip = _pip_version() >= (22, 3)
    made = _run([sys.executable, "-m", "venv", *(["--without-pip"] if outside_pip else []), root],
                work, BUILD_TIMEOUT)
    if made.returncode != 0:
        _unavailable(f"python -m venv failed:\n{made.stderr}")
    pip = ((sys.executable, "-m", "pip", "--python", str(python)) if outside_pip
           else (str(python), "-m", "pip"))
    # setuptools rides along so the plugins below build without an isolated environment each
    # (one build env costs about four seconds); >=70.1 builds wheels without `wheel`.
    installed = _run([*pip, "install", "-q", wheel, "setuptools>=70.1"], work, BUILD_TIMEOUT)
    if installed.returncode != 0:
        _pip_failed(installed, f"pip install {wheel.name} with its dependencies")

    plugins = base / "plugins"
    demo = _write_plugin(plugins, "leakgate-plugin-demo", "leakgate_plugin_demo", "demo",
                         DEMO_PLUGIN)
    broken = _write_plugin(plugins, "leakgate-plugin-broken", "leakgate_plugin_broken",
                           "broken", BROKEN_PLUGIN)
    built = _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheels,
                  demo, broken], work, BUILD_TIMEOUT)
    if built.returncode != 0:
        pytest.fail(f"building the demo rule packs failed:\n{built.stdout}\n{built.stderr}")
    return Venv(root=root, python=python, leakgate=bindir / "leakgate", pip=pip, wheels=wheels,
                work=work)


def _findings(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"not JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    findings: list[dict[str, Any]] = document["findings"]
    return findings


def test_installed_wheel(venv: Venv) -> None:
    """The console script, the import names and a built-in rule all work from the wheel."""
    version = venv.run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip().split()[-1] == VERSION

    probe = textwrap.dedent("""\
        import importlib.metadata, importlib.util, json, leakgate, leakgate.rules.context
        print(json.dumps({
            "file": leakgate.__file__,
            "version": leakgate.__version__,
            "metadata": importlib.metadata.version("leakgate"),
            "rules": importlib.util.find_spec("leakgate.rules") is not None,
            "linter": importlib.util.find_spec("linter") is not None,
            "top_rules": importlib.util.find_spec("rules") is not None,
        }))
        """)
    result = _run([venv.python, "-c", probe], venv.work)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert Path(facts["file"]).resolve().is_relative_to(venv.root.resolve()), facts["file"]
    assert facts["version"] == facts["metadata"] == VERSION
    assert facts["rules"], "leakgate.rules is not importable"
    assert not facts["linter"], "the source folder name `linter` leaked into the install"
    assert not facts["top_rules"], "the source folder name `rules` leaked into the install"

    go = venv.work / "lostcancel.go"
    go.write_text(LOST_CANCEL_GO, encoding="utf-8")
    checked = venv.run("check", go, "--select", "LG605", "--format", "json", "-j", "1")
    assert checked.returncode == 1, checked.stderr
    assert [(f["rule"], f["line"]) for f in _findings(checked)] == [("LG605", 6)]
    page = venv.run("check", go, "--select", "LG605", "--format", "html", "-j", "1")
    assert page.returncode == 1, page.stderr  # the templates are in the wheel
    assert page.stdout.count('<article class="finding') == 1 and "</html>" in page.stdout


@pytest.fixture(scope="module")
def demo_plugin(venv: Venv) -> Venv:
    """The venv with the demo rule pack installed (kept for the rest of the module)."""
    venv.install("leakgate-plugin-demo")
    return venv


def test_plugin_rule_pack(demo_plugin: Venv) -> None:
    """A third-party pack's rules are listed and run next to the built-in ones."""
    listed = demo_plugin.run("rules")
    assert listed.returncode == 0, listed.stderr
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    assert "LG999" in ids and "LG605" in ids, listed.stdout
    assert re.search(r"^LG999\s+demo-println\s", listed.stdout, re.MULTILINE), listed.stdout

    go = demo_plugin.work / "println.go"
    go.write_text(PRINTLN_GO, encoding="utf-8")
    checked = demo_plugin.run("check", go, "--format", "json", "-j", "1")
    assert checked.returncode == 1, checked.stderr
    assert {(f["rule"], f["line"]) for f in _findings(checked)} == {("LG999", 9)}
    everything = demo_plugin.run("check", go, "--select", "LG", "--select", "demo-println",
                                 "--format", "json", "-j", "1")
    found = {(f["rule"], f["line"]) for f in _findings(everything)}
    assert ("LG999", 9) in found and ("LG605", 13) in found, found

    selected = demo_plugin.run("check", go, "--select", "demo-println", "--format", "json",
                               "-j", "1")
    assert selected.returncode == 1, selected.stderr
    assert [(f["rule"], f["line"]) for f in _findings(selected)] == [("LG999", 9)]


def test_broken_plugin_is_one_line_error(venv: Venv) -> None:
    """A pack that fails to import is named in one line, exit 2, without a traceback.

    It is uninstalled afterwards so the shared venv stays usable whatever the test order.
    """
    venv.install("leakgate-plugin-broken")
    try:
        for args in (("rules",), ("check", venv.work, "--format", "json")):
            result = venv.run(*args)
            assert result.returncode == 2, (args, result.stdout, result.stderr)
            assert result.stdout == "", (args, result.stdout)
            assert "Traceback" not in result.stderr, result.stderr
            lines = result.stderr.splitlines()
            assert len(lines) == 1, result.stderr
            assert lines[0].startswith(
                "leakgate: error: rule pack 'broken' (leakgate_plugin_broken) failed to load: "
            ), lines[0]
            assert "does_not_exist_xyz" in lines[0], lines[0]
    finally:
        venv.uninstall("leakgate-plugin-broken")
    assert venv.run("rules").returncode == 0
