"""Lint time of the Go standard library against the tree-sitter parse-only floor.

Both sides read the same files with the same number of worker processes; the ratio is what to
compare across machines (they are shared and noisy), not the seconds.

    python bench/bench_std.py [--jobs 2] [--repeat 3] [SRC]   # SRC: default `go env GOROOT`/src
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from leakgate.discover import Options, discover
from leakgate.engine import Settings, run
from leakgate.registry import all_rules
from leakgate.source import parse


def _parse_only(paths: list[str]) -> int:
    nodes = 0
    for path in paths:
        with open(path, "rb") as handle:
            tree = parse(handle.read())
        nodes += tree.root_node.descendant_count
    return nodes


def parse_floor(paths: list[str], jobs: int) -> float:
    start = time.perf_counter()
    if jobs > 1:
        chunks = [paths[i::jobs * 8] for i in range(jobs * 8)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_parse_only, chunks))
    else:
        _parse_only(paths)
    return time.perf_counter() - start


def lint(files: list, jobs: int, root: str, rule_ids: tuple[str, ...]) -> tuple[float, int]:
    start = time.perf_counter()
    result = run(files, Settings(rule_ids=rule_ids), jobs, root)
    return time.perf_counter() - start, len(result.findings)


def goroot_src() -> str:
    go = shutil.which("go")
    if go is None:
        sys.exit("no `go` on PATH: give the source directory (Debian: apt-get install golang-go)")
    root = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True).stdout.strip()
    return os.path.join(root, "src")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--select", default="", help="comma-separated rule IDs (default: all)")
    args = parser.parse_args()
    src = os.path.abspath(args.src or goroot_src())
    found = discover([src], Options(), cwd=src)
    paths = [f.absolute for f in found.files]
    size = sum(os.path.getsize(p) for p in paths)
    chosen = [s for s in args.select.split(",") if s]
    rule_ids = tuple(r.id for r in all_rules() if not chosen or r.id in chosen)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB, jobs={args.jobs}, rules={','.join(rule_ids)}")
    floors, lints = [], []
    findings = 0
    for round_ in range(args.repeat):
        floors.append(parse_floor(paths, args.jobs))
        seconds, findings = lint(found.files, args.jobs, src, rule_ids)
        lints.append(seconds)
        print(f"  round {round_ + 1}: parse-only {floors[-1]:.2f}s, lint {lints[-1]:.2f}s, "
              f"ratio {lints[-1] / floors[-1]:.2f}")
    floor, full = statistics.median(floors), statistics.median(lints)
    print(f"median: parse-only {floor:.2f}s, lint {full:.2f}s, "
          f"lint/parse ratio {full / floor:.2f}, {findings} findings")


if __name__ == "__main__":
    main()
