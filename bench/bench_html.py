"""Size and time of the HTML report for many findings: a generated project of FILES files with
ten findings each (lost cancels, requests without context, discarded responses), linted through
the CLI with `--format html` and, for the ratio, with `--format json`.

    python bench/bench_html.py [--findings 1000] [--findings 10000]

Prints, per size: findings, page size (total and per finding), and the HTML run's wall time
as a ratio of the JSON run's (the cost of the page itself).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

PER_FILE = 10
HEADER = """package p{index}

import (
\t"context"
\t"net/http"
)
"""
FUNCTION = """
// handler{n} serves one route; its comment is long enough to look like real code comments.
func handler{n}(ctx context.Context, url string) error {{
\tctx, cancel := context.WithCancel(ctx)
\t_ = ctx
\treq, err := http.NewRequest("GET", url, nil)
\tif err != nil {{
\t\treturn err
\t}}
\t_ = req
\treturn nil
}}
"""


def project(directory: str, findings: int) -> None:
    files = max(findings // PER_FILE, 1)
    for index in range(files):
        package = os.path.join(directory, f"pkg{index // 50}", f"p{index}")
        os.makedirs(package, exist_ok=True)
        body = HEADER.format(index=index) + "".join(
            FUNCTION.format(n=n) for n in range(PER_FILE // 2))
        with open(os.path.join(package, "code.go"), "w", encoding="utf-8") as handle:
            handle.write(body)


def timed(argv: list[str], cwd: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--findings", type=int, action="append")
    args = parser.parse_args()
    command = [sys.executable, "-m", "leakgate.cli", "check", "--jobs", "2"]
    for wanted in args.findings or [1000, 10000]:
        with tempfile.TemporaryDirectory(prefix="leakgate-html-") as directory:
            project(directory, wanted)
            json_time, _ = timed([*command, "--format", "json", "."], directory)
            html_time, page = timed([*command, "--format", "html", "."], directory)
            count = page.count(b'<article class="finding')
            print(f"{count} findings: {len(page) / 1e6:.2f} MB ({len(page) / max(count, 1):.0f} "
                  f"bytes a finding); html {html_time:.2f} s = {html_time / json_time:.2f}x json")


if __name__ == "__main__":
    main()
