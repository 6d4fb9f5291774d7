"""One rule, one file: the house rules of `rules/`, kept by a test so that the next rule lands
where a reader looks for it (its module, its help as the docstring, its fixtures)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from leakgate.findings import Rule
from leakgate.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
TESTDATA = ROOT / "testdata"
MAX_LINES = 250


def _rule_modules() -> list[Path]:
    return sorted(p for p in RULES.glob("*/lg[0-9][0-9][0-9]_*.py"))


def test_every_built_in_rule_has_its_own_module() -> None:
    built_in = [r for r in all_rules() if r.check.__module__.startswith("leakgate.rules.")]
    assert len(built_in) == len(_rule_modules()) > 0
    for rule in built_in:
        family, module = rule.check.__module__.split(".")[2:]
        expected = f"{rule.id.lower()}_{rule.name.replace('-', '_')}"
        assert module == expected, f"{rule.id} lives in {module}.py, not {expected}.py"
        assert (RULES / family / f"{module}.py").is_file()
        assert (TESTDATA / rule.id).is_dir(), f"{rule.id} has no testdata/{rule.id}/"


def test_a_rule_module_holds_one_rule_whose_help_is_its_docstring() -> None:
    for path in _rule_modules():
        name = f"leakgate.rules.{path.parent.name}.{path.stem}"
        module = importlib.import_module(name)
        rules = [v for v in vars(module).values()
                 if isinstance(v, Rule) and v.check.__module__ == name]
        assert len(rules) == 1, f"{path.relative_to(ROOT)} defines {len(rules)} rules"
        assert module.__doc__ is not None and rules[0].help == module.__doc__.strip() + "\n"
        for section in ("## What it does", "## Why is this bad?", "## Example",
                        "## Use instead", "## Suppress"):
            assert section in rules[0].help, f"{rules[0].id}'s help has no {section!r}"


def test_rule_modules_stay_short() -> None:
    """A rule is short guard clauses asking the semantics layer; a long one is carrying a
    question that belongs in linter/semantics/."""
    for path in _rule_modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_no_family_private_shared_modules() -> None:
    """A helper two rules need lives in linter/semantics/, not in a family's private module
    (which `collect` would skip without a word)."""
    private = sorted(str(p.relative_to(ROOT)) for p in RULES.glob("*/_*.py")
                     if p.name != "__init__.py")
    assert not private, f"family-private modules: {private}"


def test_families_collect_their_rules() -> None:
    """No hand-kept list: a family's __init__ collects its modules' rules."""
    for init in sorted(RULES.glob("*/__init__.py")):
        source = init.read_text(encoding="utf-8")
        assert re.search(r"^RULES = collect\(__name__, __path__\)$", source, re.MULTILINE), \
            f"{init.relative_to(ROOT)} does not collect its rules"
        assert "def " not in source and "[" not in source, \
            f"{init.relative_to(ROOT)} holds more than the collection"
