"""Wall time of one file through the CLI, as pre-commit runs it (the rest of its package is
read for facts), beside the CLI's own start-up (`leakgate rules`).

    python bench/bench_one_file.py [--repeat 5] FILE.go [FILE.go ...]

The default files are the example project's main.go and, when Debian's docker package is
installed, a file of a 140-file package (daemon/network.go). The budget is 0.3 s wall.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

DEFAULTS = [
    os.path.join(os.path.dirname(__file__), "..", "testdata", "example", "main.go"),
    "/usr/share/gocode/src/github.com/docker/docker/daemon/network.go",
]


def _wall(argv: list[str], cwd: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _compile_bytecode() -> None:
    """Measure the tool as installed: pip writes bytecode at install time, but an editable
    checkout under PYTHONDONTWRITEBYTECODE would recompile every module on every run."""
    import compileall
    import importlib.util

    for package in ("leakgate", "leakgate.rules"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                env_free = sys.flags.dont_write_bytecode
                sys.dont_write_bytecode = False
                try:
                    compileall.compile_dir(location, quiet=1)
                finally:
                    sys.dont_write_bytecode = bool(env_free)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    leakgate = shutil.which("leakgate") or "leakgate"
    files = args.files or [f for f in DEFAULTS if os.path.exists(f)]
    _compile_bytecode()
    startup = _wall([leakgate, "rules"], os.getcwd(), args.repeat)
    print(f"start-up (leakgate rules): {startup:.3f}s")
    for path in files:
        directory, name = os.path.split(os.path.abspath(path))
        siblings = sum(1 for f in os.listdir(directory) if f.endswith(".go"))
        wall = _wall([leakgate, "check", name], directory, args.repeat)
        print(f"{path} ({siblings} files in its package): {wall:.3f}s wall, "
              f"{wall - startup:.3f}s over start-up")


if __name__ == "__main__":
    main()
