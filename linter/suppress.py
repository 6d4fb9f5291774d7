"""In-source suppression: `//leakgate:ignore ID reason`, `//leakgate:file-ignore ID reason`,
golangci-lint's `//nolint:leakgate` / `//nolint:LG401` (on the line before a declaration: all
of it), and the directives contractors wrote for peer linters that find the same defects
(`//nolint:contextcheck`, staticcheck's `//lint:ignore SA2000 reason`; see `peers.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node, Query, QueryCursor

from leakgate.findings import Finding, Level, Location, Rule
from leakgate.peers import rules_for
from leakgate.source import GO, SourceFile

UNUSED_SUPPRESSION = Rule(
    id="LG000",
    name="unused-suppression",
    summary="A suppression directive that suppresses nothing, or has no reason",
    help="""A `//leakgate:ignore` or `//nolint:LG...` directive that matches no finding.

## Why is this bad?
Stale suppressions hide the next real finding on that line and mislead reviewers. leakgate also
requires a reason on its own directives, so that every accepted risk is explained.

## Example
```go
resp.Body.Close() //leakgate:ignore LG401 closed by caller
```
when no LG401 finding is on that line.

## Fix
Delete the directive, or give the reason: `//leakgate:ignore LG401 body handed to the caller`.
""",
    level=Level.NOTE,
    precision="very-high",
    tags=("maintainability", "suppression"),
    check=lambda _ctx: (),
)

_COMMENTS = Query(GO, "(comment) @comment")
_LEAKGATE = re.compile(r"^//\s*leakgate:(ignore|file-ignore)\b\s*(\S*)\s*(.*)$")
_NOLINT = re.compile(r"^//\s*nolint(?::([\w\-,]+))?\b\s*(?://\s*(.*))?")
# staticcheck's own directives (no space after `//`, a reason required).
_LINT = re.compile(r"^//lint:(ignore|file-ignore)\s+(\S+)\s*(.*)$")


@dataclass
class Directive:
    line: int  # where the directive is written
    column: int
    end_column: int
    targets: list[str]  # rule selectors; empty = every rule
    reason: str
    lines: set[int] | None  # lines it covers; None = the whole file
    explicit: bool  # names leakgate or its rules (only those are reported when unused)
    used: bool = False
    problems: list[str] = field(default_factory=list)

    def covers(self, finding: Finding, rules: dict[str, Rule]) -> bool:
        if self.lines is not None and finding.location.line not in self.lines:
            return False
        if not self.targets:
            return True
        rule = rules.get(finding.rule_id)
        return any(_target_matches(t, finding.rule_id, rule) for t in self.targets)


def _target_matches(target: str, rule_id: str, rule: Rule | None) -> bool:
    t = target.strip()
    if t.lower() in ("leakgate", "all"):
        return True
    upper = t.upper()
    if upper == rule_id or (rule is not None and t.lower() == rule.name):
        return True
    return upper.startswith("LG") and len(upper) < 5 and rule_id.startswith(upper)


def parse_directives(source: SourceFile, comments: list[Node] | None = None) -> list[Directive]:
    """Directives in the file's comments (``comments`` when the caller already found them)."""
    data = source.data
    if b"leakgate" not in data and b"nolint" not in data and b"lint:" not in data:
        return []  # most files: no directive to find among their comments
    directives = []
    package_line = _package_line(source)
    if comments is None:
        comments = [c["comment"][0] for _, c in QueryCursor(_COMMENTS).matches(source.root)]
    for node in comments:
        raw = source.text(node)
        if "leakgate" not in raw and "nolint" not in raw and "lint:" not in raw:
            continue
        line = node.start_point[0] + 1
        column = node.start_point[1] + 1
        end_column = node.end_point[1] + 1
        own_line = not source.line_text(line)[: node.start_point[1]].strip()
        covered = {line + 1} if own_line else {line}
        match = _LEAKGATE.match(raw)
        if match:
            kind, targets_text, reason = match.groups()
            targets = [t for t in targets_text.split(",") if t]
            directive = Directive(line, column, end_column, targets, reason.strip(),
                                  None if kind == "file-ignore" else covered, explicit=True)
            if not targets:
                directive.problems.append("names no rule")
            if not directive.reason:
                directive.problems.append("gives no reason")
            if kind == "file-ignore" and package_line and line > package_line:
                directive.problems.append("file-ignore must come before `package`")
            directives.append(directive)
            continue
        match = _LINT.match(raw)
        if match:
            kind, codes, reason = match.groups()
            mapped = [rid for code in codes.split(",") for rid in rules_for(code)]
            if mapped:  # staticcheck's: never reported unused here, staticcheck does that
                directives.append(Directive(line, column, end_column, mapped, reason.strip(),
                                            None if kind == "file-ignore" else covered,
                                            explicit=False))
            continue
        match = _NOLINT.match(raw)
        if match:
            names = [n for n in (match.group(1) or "").split(",") if n]
            ours = [n for n in names
                    if n.lower() in ("leakgate", "all") or n.upper().startswith("LG")]
            peers = [rid for n in names if n not in ours for rid in rules_for(n)]
            if names and not ours and not peers:
                continue  # for other linters only
            if own_line:  # golangci-lint: on the line before a declaration, all of it
                covered = _declaration_lines(source, line + 1) or covered
            reason = (match.group(2) or "").strip()
            # `//nolint:all` is golangci-lint's "every linter": it covers our findings but is
            # written for all of its linters, so it is never unused here (nor is a bare one).
            named_ours = [n for n in ours if n.lower() != "all"]
            directives.append(Directive(line, column, end_column, ours + peers, reason, covered,
                                        explicit=bool(named_ours) and
                                        len(named_ours) == len(names)))
    return directives


_DECLARATIONS = frozenset({"function_declaration", "method_declaration", "type_declaration",
                           "var_declaration", "const_declaration"})


def _declaration_lines(source: SourceFile, line: int) -> set[int] | None:
    """The lines of the top-level declaration that starts on ``line``, if one does."""
    for child in source.root.children:
        start = int(child.start_point[0]) + 1
        if start == line and child.type in _DECLARATIONS:
            return set(range(start, int(child.end_point[0]) + 2))
        if start > line:
            break
    return None


def _package_line(source: SourceFile) -> int:
    for child in source.root.children:
        if child.type == "package_clause":
            return int(child.start_point[0]) + 1
    return 0


def apply(findings: list[Finding], directives: list[Directive], rules: dict[str, Rule],
          ran: set[str]) -> tuple[list[Finding], list[Finding]]:
    """Mark suppressed findings; return (findings with suppression marks, LG000 findings)."""
    for finding in findings:
        for directive in directives:
            if directive.problems:
                continue
            if directive.covers(finding, rules):
                directive.used = True
                finding.suppressed_reason = directive.reason or "nolint"
                break
    unused: list[Finding] = []
    for directive in directives:
        if not directive.explicit:
            continue
        location = Location("", directive.line, directive.column, directive.line,
                            directive.end_column)
        if directive.problems:
            unused.append(Finding(UNUSED_SUPPRESSION.id,
                                  f"suppression directive {' and '.join(directive.problems)}; "
                                  "it suppresses nothing", location, UNUSED_SUPPRESSION.level))
        elif not directive.used and _all_ran(directive.targets, rules, ran):
            names = ",".join(directive.targets)
            unused.append(Finding(UNUSED_SUPPRESSION.id,
                                  f"suppression of {names} matches no finding: remove it",
                                  location, UNUSED_SUPPRESSION.level))
    return findings, unused


def _all_ran(targets: list[str], rules: dict[str, Rule], ran: set[str]) -> bool:
    """Only call a directive unused when every rule it names actually ran."""
    for target in targets:
        covered = [rid for rid in rules if _target_matches(target, rid, rules[rid])]
        if not covered or any(rid not in ran for rid in covered):
            return False
    return bool(targets)
