"""Rule documentation: one Markdown page per rule, made from the rule's own metadata and help.

`leakgate explain` prints the same text, SARIF's `helpUri` points at the page, and
`docs/rules/` in the repository is generated from here (`python -m leakgate.docs docs/rules`;
a test keeps it in sync).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from leakgate.findings import Rule

DOCS_URL = "https://github.com/leakgate/leakgate/blob/main/docs/rules/{id}.md"


def rule_page(rule: Rule) -> str:
    """The page of one rule, as `leakgate explain` prints it."""
    return (f"# {rule.id} {rule.name}\n\n"
            f"Level: {rule.level.label} · precision: {rule.precision} · "
            f"tags: {', '.join(rule.tags)}\n\n"
            f"{rule.summary}\n\n"
            f"{rule.help.rstrip()}\n")


def index_page(rules: Iterable[Rule]) -> str:
    lines = ["# leakgate rules", "",
             "Generated from the rules' own help (`python -m leakgate.docs docs/rules`).", "",
             "| ID | name | level | precision | summary |", "|---|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| [{rule.id}]({rule.id}.md) | {rule.name} | {rule.level.label} | "
                     f"{rule.precision} | {rule.summary.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def pages(rules: Iterable[Rule]) -> dict[str, str]:
    """File name → contents for the documentation directory."""
    chosen = list(rules)
    found = {f"{rule.id}.md": rule_page(rule) for rule in chosen}
    found["README.md"] = index_page(chosen)
    return found


def write(directory: str) -> None:
    from leakgate.registry import all_rules

    os.makedirs(directory, exist_ok=True)
    for name, text in pages(all_rules()).items():
        with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":  # pragma: no cover
    write(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
