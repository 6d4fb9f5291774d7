"""How many of another linter's analysistest `// want` lines leakgate meets.

    python bench/third_party_wants.py LG401 DIR [--skip REGEX] [--want REGEX]

DIR is a checkout of the other linter's testdata (read it where `fetch` or a clone puts it; it is
never copied into this repository). Every Go file under DIR with a `// want` comment whose text
matches --want (default: any) and not --skip is one want; it is met when leakgate reports RULE on
that line, or reports it elsewhere in the file naming that line (`the return at line 30`, `the
response on line 47`: one finding for the start and the exit another linter marks twice).
Prints met/total and each missed line with its source, so every miss can be named as by design
or as a gap. A measurement, not a test: the corpora are not installed in CI.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys

WANT = re.compile(r"//\s*want\s+(.*)$")


def wants(root: pathlib.Path, want: re.Pattern[str],
          skip: re.Pattern[str] | None) -> list[tuple[pathlib.Path, int, str]]:
    found = []
    for path in sorted(root.rglob("*.go")):
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            match = WANT.search(line)
            if match and want.search(match.group(1)) and not (skip and skip.search(match.group(1))):
                found.append((path.resolve(), number, line.strip()))
    return found


def reported(root: pathlib.Path, rule: str) -> set[tuple[pathlib.Path, int]]:
    directories = sorted({p.parent for p in root.rglob("*.go")})
    lines: set[tuple[pathlib.Path, int]] = set()
    for directory in directories:
        proc = subprocess.run(["leakgate", "check", "--format", "sarif", "--allow-unanalysed",
                               "--select", rule, str(directory)], capture_output=True, text=True)
        for result in json.loads(proc.stdout)["runs"][0].get("results", []):
            if result["ruleId"] != rule:
                continue
            location = result["locations"][0]["physicalLocation"]
            uri = location["artifactLocation"]["uri"].removeprefix("file://")
            path = pathlib.Path(uri if uri.startswith("/") else directory / uri).resolve()
            lines.add((path, location["region"]["startLine"]))
            for named in re.findall(r"\bline (\d+)\b", result["message"]["text"]):
                lines.add((path, int(named)))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rule")
    parser.add_argument("root", type=pathlib.Path)
    parser.add_argument("--want", default="", help="count only wants whose text matches")
    parser.add_argument("--skip", default=None, help="leave out wants whose text matches")
    args = parser.parse_args()
    found = wants(args.root, re.compile(args.want), re.compile(args.skip) if args.skip else None)
    hits = reported(args.root, args.rule)
    met = [w for w in found if (w[0], w[1]) in hits]
    for path, number, text in found:
        if (path, number) not in hits:
            print(f"miss {path.relative_to(args.root.resolve())}:{number}: {text}")
    print(f"{args.rule}: {len(met)} of {len(found)} wants met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
