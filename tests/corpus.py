"""Where third-party ground truth lives on a machine with Debian's packages installed.

Tests that need a corpus skip visibly without it on a developer machine, and fail under CI
(`CI=true`): a green CI must mean the corpus was checked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

GOCODE = Path("/usr/share/gocode/src")
XTOOLS_PASSES = GOCODE / "golang.org/x/tools/go/analysis/passes"
STATICCHECK = GOCODE / "honnef.co/go/tools"


def require(path: Path, package: str) -> Path:
    if path.exists():
        return path
    message = f"{path} missing: install Debian's {package} (apt-get install {package})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def goroot_src() -> Path:
    """`$(go env GOROOT)/src` from Debian's golang-go."""
    go = shutil.which("go")
    if go is not None:
        root = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True,
                              timeout=60).stdout.strip()
        if root:
            return require(Path(root) / "src", "golang-go")
    return require(Path("/usr/lib/go/src"), "golang-go")
