"""Suppressions contractors wrote for peer linters: a finding accepted under another linter's
name (or check code) is not shown again, and such directives are never "unused" here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Run
from leakgate.peers import CHECK_CODES, NOLINT_NAMES, rules_for
from leakgate.registry import all_rules

PEERS = """package p

import "context"

func handler(ctx context.Context, load func(context.Context) error) error {
	return load(context.TODO()) //nolint:contextcheck // legacy path, plumbed in #412
}

func handlerUnmapped(ctx context.Context, load func(context.Context) error) error {
	return load(context.TODO()) //nolint:errcheck // errcheck finds nothing of ours
}

//nolint:govet // the cancel is handed to the pool by reflection
func pooled(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	_ = ctx
}

func spin(ready func() bool) {
	//lint:ignore SA5002 waits for the hardware flag, on purpose
	for {
	}
}

func quiet(ctx context.Context) {
	_ = ctx //nolint:contextcheck // nothing here: never reported as unused
}
"""


def _write(root: Path, text: str) -> None:
    (root / "p.go").write_text(text)


def test_peer_directives_suppress_the_same_defect(tmp_path: Path,
                                                   lint: Callable[..., Run]) -> None:
    _write(tmp_path, PEERS)
    shown = lint("check", "--select", "LG", ".")
    assert shown.rules() == ["LG602"], shown.out  # only the one under an unmapped name
    assert "p.go:10:14:" in shown.out
    kept = lint("check", "--select", "LG", "--include-suppressed", ".")
    reasons = [line.rsplit("[suppressed: ", 1)[-1] for line in kept.out.splitlines()
               if "[suppressed: " in line]
    assert reasons == ["legacy path, plumbed in #412]",
                       "the cancel is handed to the pool by reflection]",
                       "waits for the hardware flag, on purpose]"]


def test_staticcheck_file_ignore(tmp_path: Path, lint: Callable[..., Run]) -> None:
    _write(tmp_path, "//lint:file-ignore SA5004 the poller spins by design\n" + PEERS.replace(
        "\t//lint:ignore SA5002 waits for the hardware flag, on purpose\n\tfor {\n\t}",
        "\tfor {\n\t\tselect {\n\t\tdefault:\n\t\t}\n\t}"))
    assert "LG202" not in lint("check", ".").rules()


def test_block_form_of_our_own_nolint(tmp_path: Path, lint: Callable[..., Run]) -> None:
    _write(tmp_path, PEERS.replace("//nolint:govet // the cancel",
                                   "//nolint:LG605 // the cancel"))
    assert "LG605" not in lint("check", ".").rules()
    _write(tmp_path, PEERS.replace("//nolint:govet // the cancel is handed to the pool by "
                                   "reflection\nfunc pooled",
                                   "//nolint:LG603 // nothing of LG603 here\nfunc pooled"))
    run = lint("check", "--select", "LG", ".")  # LG603 is opt-in: select it to judge its use
    assert "p.go:13:1: suppression of LG603 matches no finding: remove it" in run.out


def test_golangci_lint_all_is_never_our_unused_suppression(tmp_path: Path,
                                                          lint: Callable[..., Run]) -> None:
    """`//nolint:all` and a bare `//nolint` speak for all of golangci-lint's linters: they
    suppress our findings too, but where none of ours is, they are not "unused" (they are
    there for the other linters' findings)."""
    _write(tmp_path, """package p

import "context"

func quiet(ctx context.Context) {
	_ = ctx //nolint:all // for every linter
	_ = ctx //nolint
	_ = ctx //nolint:all,errcheck
	_ = ctx //nolint:LG605,all // names ours among all: still never unused
}

func loud(ctx context.Context) {
	_ = ctx //nolint:LG605 // names only ours, and nothing of LG605 is here
}

func hidden(ctx context.Context, load func(context.Context) error) error {
	return load(context.TODO()) //nolint:all // legacy path
}
""")
    run = lint("check", "--select", "LG", "--include-suppressed", ".")
    assert run.rules() == ["LG000"], run.out  # the suppressed LG602 is listed apart
    assert "p.go:13:10: suppression of LG605 matches no finding" in run.out
    assert "[suppressed: legacy path]" in run.out


def test_the_table_names_real_rules() -> None:
    ids = {rule.id for rule in all_rules()}
    planned = {"LG301", "LG401", "LG402", "LG404", "LG502", "LG704"}  # later families
    for mapped in [*NOLINT_NAMES.values(), *CHECK_CODES.values()]:
        assert set(mapped) <= ids | planned
    assert rules_for("ContextCheck") == ("LG602",) and rules_for("sa2000") == ("LG301",)
    assert rules_for("errcheck") == ()
