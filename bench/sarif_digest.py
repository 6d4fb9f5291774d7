"""Digests of leakgate's SARIF over three trees, to prove a refactoring changed no behaviour.

    python bench/sarif_digest.py [--out DIR] [fixtures] [std] [wild]

`fixtures` is this repository's `testdata/` (test data included), `std` the Go standard library
(`go env GOROOT`/src), `wild` Debian's Go sources under /usr/share/gocode/src (the ledger's and
the corpus's packages among them). Each SARIF is written to DIR (default `.sarif-digest/`) and
its sha256 printed: run it before and after a change and compare the lines (or `diff` the files
to see what moved). Not a test: the std and wild runs take minutes on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WILD = "/usr/share/gocode/src"


def _goroot_src() -> str:
    root = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True).stdout.strip()
    return os.path.join(root, "src")


def targets() -> dict[str, tuple[str, list[str]]]:
    """name → (directory to run in, extra options)."""
    return {
        "fixtures": (HERE, ["--include-testdata", "testdata"]),
        "std": (_goroot_src(), ["."]),
        "wild": (WILD, ["."]),
    }


def digest(name: str, out: str) -> str:
    cwd, arguments = targets()[name]
    path = os.path.join(out, f"{name}.sarif")
    command = ["leakgate", "check", "--format", "sarif", "--output", path, "--jobs", "2",
               "--allow-unanalysed", "--fail-on", "never", "-q", "--root", cwd, *arguments]
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True)
    with open(path, "rb") as handle:
        value = hashlib.sha256(handle.read()).hexdigest()
    print(f"{name}\t{value}\t{time.perf_counter() - start:.1f}s", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(HERE, ".sarif-digest"))
    parser.add_argument("names", nargs="*", default=["fixtures", "std", "wild"])
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)
    for name in options.names:
        if name not in targets():
            sys.exit(f"unknown tree {name!r}: fixtures, std or wild")
        digest(name, os.path.abspath(options.out))


if __name__ == "__main__":
    main()
