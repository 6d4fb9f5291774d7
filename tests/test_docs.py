"""The rule pages under docs/rules/ are generated from the rules' own help: they must match
what `leakgate explain` prints, every rule has one, and SARIF's helpUri points at it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Run
from leakgate.docs import DOCS_URL, pages, with_readme_table
from leakgate.registry import all_rules

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
ROOT = Path(__file__).resolve().parent.parent


def test_rule_pages_are_in_sync() -> None:
    expected = pages(all_rules())
    present = {path.name for path in DOCS.glob("*.md")}
    assert present == set(expected), "run `python -m leakgate.docs docs/rules`"
    for name, text in expected.items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, \
            f"docs/rules/{name} is stale: run `python -m leakgate.docs docs/rules`"


def test_readme_rule_table_is_in_sync() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_readme_table(readme, all_rules()) == readme, \
        "the README's rule table is stale: run `python -m leakgate.docs docs/rules`"


def test_explain_prints_the_page(lint: Callable[..., Run]) -> None:
    for rule in all_rules():
        shown = lint("explain", rule.id)
        assert shown.code == 0
        assert shown.out == (DOCS / f"{rule.id}.md").read_text(encoding="utf-8")


def test_help_uri_names_an_existing_page() -> None:
    prefix = "https://github.com/leakgate/leakgate/blob/main/"
    for rule in all_rules():
        url = DOCS_URL.format(id=rule.id)
        assert url.startswith(prefix) and (ROOT / url[len(prefix):]).is_file()


def test_license_is_the_declared_one() -> None:
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")[:200]
