"""The delivery gate: a checklist evaluated on a delivered Go code base, giving a verdict a
buyer can defend — accepted, or rejected for these reasons, with the evidence.

Each item has a state: pass, fail, inconclusive (what could not be checked is never a pass),
or waived. Findings-based items count the findings of their rules (baselined ones excepted);
service items ask the service facts of each `main` package (semantics/service.py). Any fail
rejects the delivery; an inconclusive item rejects it too unless the caller allows it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from leakgate.config import ConfigError
from leakgate.docs import DOCS_URL
from leakgate.findings import Finding, Level, Notification
from leakgate.semantics.service import ServiceFacts

PASS, FAIL, INCONCLUSIVE, WAIVED = "pass", "fail", "inconclusive", "waived"


@dataclass
class Item:
    id: str
    title: str
    status: str
    observed: str
    threshold: str
    evidence: list[str] = field(default_factory=list)
    reason: str = ""
    help: str = ""
    count: int | None = None  # findings-based items: how many findings
    rule: str = ""  # the rule whose help says how to fix it
    fingerprints: list[str] = field(default_factory=list)  # of the findings in the evidence


@dataclass
class Verdict:
    accepted: bool
    items: list[Item]

    def to_json(self) -> str:
        return json.dumps({"accepted": self.accepted,
                           "items": [asdict(item) for item in self.items]}, indent=2) + "\n"


@dataclass
class Evidence:
    findings: list[Finding]
    notifications: list[Notification]
    services: list[ServiceFacts]

    @property
    def complete(self) -> bool:
        """Every file and declaration was analysed."""
        return not any(n.incomplete for n in self.notifications)


def _findings_item(item_id: str, title: str, selects: Callable[[Finding], bool],
                   help_rule: str | None = None) -> Callable[[Evidence], Item]:
    def evaluate(evidence: Evidence) -> Item:
        found = [f for f in evidence.findings if selects(f) and not f.suppressed_reason
                 and not f.baselined]
        places = [f"{f.location.path}:{f.location.line} {f.rule_id} ({f.fingerprint})"
                  for f in found]
        status = FAIL if found else PASS if evidence.complete else INCONCLUSIVE
        reason = "" if status != INCONCLUSIVE else \
            "some files or declarations were not analysed (see all-files-analysed)"
        return Item(item_id, title, status, str(len(found)), "0", places, reason,
                    DOCS_URL.format(id=help_rule) if help_rule else "", len(found),
                    help_rule or "", [f.fingerprint for f in found])

    return evaluate


# Rules the gate does not run: unused suppressions, and go vet's lostcancel contract, whose
# losses that hold something LG601 reports.
NOT_GATED = frozenset({"LG000", "LG605"})


def _leak_error(finding: Finding) -> bool:
    return finding.level == Level.ERROR and finding.rule_id[2] in "123456"


def _metrics_endpoint(evidence: Evidence) -> Item:
    serving = [s for s in evidence.services if s.serves_http]
    missing = [s.package for s in serving if not s.metrics]
    status = FAIL if missing else PASS if serving else INCONCLUSIVE
    reason = "" if serving else "no main package serving HTTP was found"
    return Item("metrics-endpoint", "Every main package that serves HTTP exposes /metrics",
                status, f"{len(serving) - len(missing)} of {len(serving)}", "all",
                [f"{path}: serves HTTP without /metrics" for path in missing], reason)


def _runtime_collectors(evidence: Evidence) -> Item:
    endpoints = [m for s in evidence.services for m in s.metrics]
    lacking = [m for m in endpoints if m.runtime_collectors is False]
    unknown = [m for m in endpoints if m.runtime_collectors is None]
    status = FAIL if lacking else INCONCLUSIVE if unknown or not endpoints else PASS
    reason = "no /metrics endpoint found" if not endpoints else \
        "the served registry comes from outside the main package" if unknown and not lacking \
        else ""
    return Item("runtime-collectors",
                "The exposed registry carries the Go runtime and process collectors", status,
                f"{len(endpoints) - len(lacking) - len(unknown)} of {len(endpoints)}", "all",
                [f"{m.place}: {m.route} serves registry `{m.registry}` without them"
                 for m in lacking], reason, DOCS_URL.format(id="LG701"), rule="LG701")


def _pprof_not_public(evidence: Evidence) -> Item:
    public = [s.package for s in evidence.services if s.pprof_exposure == "public-default-mux"]
    return Item("pprof-not-public", "net/http/pprof is not served on a public listener",
                FAIL if public else PASS, f"{len(public)} public", "0",
                [f"{path}: net/http/pprof on the default mux of a public listener"
                 for path in public])


def _all_files_analysed(evidence: Evidence) -> Item:
    problems = [f"{n.path}{':' + str(n.line) if n.line else ''}: {n.message}"
                for n in evidence.notifications if n.incomplete]
    return Item("all-files-analysed", "Every file and declaration was analysed",
                INCONCLUSIVE if problems else PASS, str(len(problems)), "0", problems,
                "the files named could not be (fully) analysed" if problems else "")


BUILT_IN: list[Callable[[Evidence], Item]] = [
    _findings_item("no-leak-errors", "No error-level leak findings (families 1-6)",
                   _leak_error),
    _metrics_endpoint,
    _runtime_collectors,
    _findings_item("no-duplicate-collectors", "No duplicate collector registration",
                   lambda f: f.rule_id == "LG702", "LG702"),
    _findings_item("no-per-request-metrics", "No metric registered per request",
                   lambda f: f.rule_id == "LG703", "LG703"),
    _findings_item("spans-ended", "Spans are ended", lambda f: f.rule_id == "LG704", "LG704"),
    # warnings, but on a module older than Go 1.23 (the only time the rules report them) an
    # unstopped ticker is never collected: a leak a buyer wants named
    _findings_item("tickers-stopped", "Tickers are stopped (they leak before Go 1.23)",
                   lambda f: f.rule_id in ("LG501", "LG502"), "LG501"),
    _findings_item("server-timeouts", "HTTP servers have read timeouts",
                   lambda f: f.rule_id == "LG404", "LG404"),
    _pprof_not_public,
    _all_files_analysed,
]


class ChecklistError(ConfigError):
    """The checklist file is unreadable or names something that does not exist (a
    configuration error: one line, exit 2)."""


@dataclass
class Checklist:
    """Overrides of the built-in items and custom items, from a TOML file:

        [items.no-leak-errors]
        threshold = 2
        [items.pprof-not-public]
        waived = "internal network only, approved by SRE on 2026-11-01"
        [items.spans-ended]
        enabled = false
        [custom.no-ticker-leaks]
        title = "No ticker leaks"
        rules = ["LG501", "LG502"]
        threshold = 0
    """

    overrides: dict[str, dict[str, object]] = field(default_factory=dict)
    custom: list[Callable[[Evidence], Item]] = field(default_factory=list)


_ITEM_KEYS = {"threshold", "waived", "enabled"}
_CUSTOM_KEYS = {"title", "rules", "threshold"}


def load_checklist(path: str) -> Checklist:
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ChecklistError(f"{path}: cannot read checklist: {error.strerror}") from None
    except ValueError as error:
        raise ChecklistError(f"{path}: not valid TOML: {error}") from None
    known = {check(Evidence([], [], [])).id for check in BUILT_IN}
    checklist = Checklist()
    for key in data:
        if key not in ("items", "custom"):
            raise ChecklistError(f"{path}: {key}: unknown key (use [items.ID] or [custom.ID])")
    for item_id, settings in data.get("items", {}).items():
        if item_id not in known:
            raise ChecklistError(f"{path}: items.{item_id}: no such item "
                                 f"({', '.join(sorted(known))})")
        for key, value in settings.items():
            if key not in _ITEM_KEYS:
                raise ChecklistError(f"{path}: items.{item_id}.{key}: unknown key "
                                     f"({', '.join(sorted(_ITEM_KEYS))})")
            if key == "waived" and (not isinstance(value, str) or not value.strip()):
                raise ChecklistError(f"{path}: items.{item_id}.waived: a waiver needs its "
                                     f"reason, as a string")
            if key == "threshold" and (not isinstance(value, int) or value < 0):
                raise ChecklistError(f"{path}: items.{item_id}.threshold: a count (0 or more)")
        checklist.overrides[item_id] = dict(settings)
    for item_id, settings in data.get("custom", {}).items():
        unknown = set(settings) - _CUSTOM_KEYS
        if unknown:
            raise ChecklistError(f"{path}: custom.{item_id}.{sorted(unknown)[0]}: unknown key")
        rules = settings.get("rules")
        if not isinstance(rules, list) or not rules or \
                not all(isinstance(r, str) for r in rules):
            raise ChecklistError(f"{path}: custom.{item_id}.rules: a list of rule IDs")
        chosen = frozenset(r.upper() for r in rules)
        checklist.custom.append(_findings_item(
            item_id, str(settings.get("title", item_id)),
            lambda f, chosen=chosen: f.rule_id in chosen))  # type: ignore[misc]
        if "threshold" in settings:
            checklist.overrides[item_id] = {"threshold": settings["threshold"]}
    return checklist


def _apply(item: Item, override: dict[str, object]) -> Item | None:
    if override.get("enabled") is False:
        return None
    threshold = override.get("threshold")
    if isinstance(threshold, int) and item.count is not None:
        item.threshold = str(threshold)
        if item.status == FAIL and item.count <= threshold:
            item.status = PASS
    waiver = override.get("waived")
    if isinstance(waiver, str):
        item.status, item.reason = WAIVED, waiver
    return item


def evaluate(evidence: Evidence, allow_inconclusive: bool = False,
             checklist: Checklist | None = None) -> Verdict:
    checklist = checklist or Checklist()
    items = []
    for check in [*BUILT_IN, *checklist.custom]:
        computed = check(evidence)
        item = _apply(computed, checklist.overrides.get(computed.id, {}))
        if item is not None:
            items.append(item)
    rejected = any(i.status == FAIL or (i.status == INCONCLUSIVE and not allow_inconclusive)
                   for i in items)
    return Verdict(not rejected, items)


def _code(text: str) -> str:
    """A Markdown code span that holds any text (the paths and names are the contractor's): its
    fence is longer than any run of backticks inside, and nothing in a code span is HTML."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded.replace(chr(10), ' ')}{fence}"


def markdown(verdict: Verdict, target: str) -> str:
    """The verdict for a pull request or an e-mail."""
    mark = {PASS: "✅ pass", FAIL: "❌ fail", INCONCLUSIVE: "⚠️ inconclusive",
            WAIVED: "➖ waived"}
    lines = [f"# Delivery gate: {'ACCEPTED' if verdict.accepted else 'REJECTED'}", "",
             f"Code base: {_code(os.path.basename(os.path.abspath(target)) or target)}", "",
             "| item | status | observed | threshold |", "|---|---|---|---|"]
    for item in verdict.items:
        lines.append(f"| {item.title} (`{item.id}`) | {mark[item.status]} | {item.observed} | "
                     f"{item.threshold} |")
    for item in verdict.items:
        if item.status == PASS and not item.evidence:
            continue
        lines += ["", f"## {item.title} — {item.status}"]
        if item.reason:
            lines.append(f"{item.reason}.")
        lines += [f"- {_code(place)}" for place in item.evidence[:50]]
        if len(item.evidence) > 50:
            lines.append(f"- … and {len(item.evidence) - 50} more")
        if item.help:
            lines.append(f"\nHow to fix: {item.help}")
    return "\n".join(lines) + "\n"
