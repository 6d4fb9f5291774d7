"""The rule registry: every rule pack, built-in or third-party, arrives through the
``leakgate.rules`` entry-point group. An entry point names a module with a ``RULES`` list or an
iterable of rules."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import entry_points
from types import ModuleType

from leakgate.findings import PRECISIONS, Rule

ENTRY_POINT_GROUP = "leakgate.rules"
_ID = re.compile(r"^LG[0-9]{3}$")


class RegistryError(Exception):
    """A rule pack could not be loaded or is malformed."""


def collect(package: str, path: Iterable[str]) -> list[Rule]:
    """The rules of a family package: each rule defined at the top level of one of its public
    modules (one rule a module, `lg601_lost_cancel.py`), in ID order. A family's `__init__`
    says `RULES = collect(__name__, __path__)`, so a new rule file needs no list to join."""
    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(list(path)), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule) and value.check.__module__ == module.__name__:
                found[value.id] = value
    return [found[rule_id] for rule_id in sorted(found)]


def _rules_of(obj: object, source: str) -> list[Rule]:
    if isinstance(obj, ModuleType):
        obj = getattr(obj, "RULES", None)
        if obj is None:
            raise RegistryError(f"rule pack {source} has no RULES list")
    if isinstance(obj, Rule):
        return [obj]
    if not isinstance(obj, Iterable):
        raise RegistryError(f"rule pack {source} is not a module or a list of rules")
    rules = list(obj)
    for rule in rules:
        if not isinstance(rule, Rule):
            raise RegistryError(f"rule pack {source} contains {rule!r}, which is not a Rule")
    return rules


def _validate(rule: Rule, source: str) -> None:
    if not _ID.match(rule.id):
        raise RegistryError(f"rule pack {source}: rule ID {rule.id!r} is not of the form LG123")
    if rule.precision not in PRECISIONS:
        raise RegistryError(f"rule pack {source}: {rule.id} has precision {rule.precision!r}")


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, sorted by ID. Raises RegistryError naming a broken pack."""
    from leakgate.suppress import UNUSED_SUPPRESSION

    rules: dict[str, Rule] = {UNUSED_SUPPRESSION.id: UNUSED_SUPPRESSION}
    owners: dict[str, str] = {UNUSED_SUPPRESSION.id: "leakgate"}
    points = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, ep.value))
    for point in points:
        source = f"'{point.name}' ({point.value})"
        try:
            loaded = point.load()
        except Exception as error:  # a plugin's import error must name the plugin
            raise RegistryError(
                f"rule pack {source} failed to load: {type(error).__name__}: {error}") from error
        for rule in _rules_of(loaded, source):
            _validate(rule, source)
            if rule.id in rules and rules[rule.id] is not rule:
                raise RegistryError(
                    f"rule {rule.id} is defined twice: by {owners[rule.id]} and by {source}")
            rules[rule.id] = rule
            owners[rule.id] = source
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def find_rule(spec: str, rules: Iterable[Rule] | None = None) -> Rule | None:
    for rule in rules if rules is not None else all_rules():
        if spec.upper() == rule.id or spec.lower() == rule.name:
            return rule
    return None


def matches(spec: str, rule: Rule) -> bool:
    """A selector matches a rule by ID, name, or ID prefix (`LG5`, `LG60`, `LG`)."""
    token = spec.strip()
    if token.lower() == rule.name or token.upper() == rule.id:
        return True
    upper = token.upper()
    return upper.startswith("LG") and len(upper) < 5 and rule.id.startswith(upper)


def select_rules(rules: Iterable[Rule], select: list[str] | None,
                 ignore: list[str] | None) -> list[Rule]:
    """Rules chosen by --select/--ignore; an unknown selector is an error. With no selection
    the default rules run; an opt-in rule runs only when a selector names it (its ID, name or
    family prefix)."""
    pool = list(rules)
    for spec in [*(select or []), *(ignore or [])]:
        if not any(matches(spec, rule) for rule in pool):
            raise ValueError(f"unknown rule selector {spec!r} (use an ID such as LG601, "
                             f"a name such as lost-cancel, or a family prefix such as LG6)")
    chosen = [r for r in pool if (not select and r.default) or
              any(matches(s, r) for s in select or [])]
    return [r for r in chosen if not any(matches(s, r) for s in ignore or [])]
