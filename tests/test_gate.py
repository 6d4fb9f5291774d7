"""`leakgate gate` through the command line: the built-in checklist's verdict on a delivered
service — rejected with each reason, accepted when fixed, inconclusive (never pass) when a file
cannot be analysed, legacy findings accepted through a baseline."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import Run

BAD = """package main

import (
	"context"
	"log"
	"net/http"
	_ "net/http/pprof"
)

func handler(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithCancel(context.Background())
	_ = ctx
}

func main() {
	http.HandleFunc("/", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
"""
GOOD = """package main

import (
	"log"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
"""


def _verdict(lint: Callable[..., Run], *args: str) -> tuple[int, dict[str, str]]:
    run = lint("gate", "--format", "json", *args)
    document = json.loads(run.out)
    return run.code, {item["id"]: item["status"] for item in document["items"]}


def test_rejected_with_every_reason(tmp_path: Path, lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(BAD)
    code, states = _verdict(lint, ".")
    assert code == 1
    assert states["no-leak-errors"] == "fail"
    assert states["metrics-endpoint"] == "fail"
    assert states["server-timeouts"] == "fail"
    assert states["pprof-not-public"] == "fail"
    assert states["all-files-analysed"] == "pass"
    text = lint("gate", ".")
    assert text.code == 1 and text.out.startswith("# Delivery gate: REJECTED")
    assert "main.go:11 LG601" in text.out


def test_accepted_when_fixed(tmp_path: Path, lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(GOOD)
    code, states = _verdict(lint, ".")
    assert code == 0 and set(states.values()) == {"pass"}
    assert lint("gate", ".").out.startswith("# Delivery gate: ACCEPTED")


def test_unparsable_file_is_inconclusive_never_pass(tmp_path: Path,
                                                    lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(GOOD)
    (tmp_path / "broken.go").write_bytes(b"package main\n\x00\x01 binary\n")
    code, states = _verdict(lint, ".")
    assert code == 1 and states["all-files-analysed"] == "inconclusive"
    assert states["no-leak-errors"] == "inconclusive"  # not checked everywhere: not a pass
    allowed, _ = _verdict(lint, "--allow-inconclusive", ".")
    assert allowed == 0


def test_baseline_accepts_legacy_debt(tmp_path: Path, lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(GOOD)
    (tmp_path / "legacy.go").write_text(BAD.replace("func main() {", "func legacy() {").replace(
        '_ "net/http/pprof"\n', "").replace("package main", "package main"))
    assert lint("baseline", "create", "debt.json", ".").code == 0
    code, states = _verdict(lint, "--baseline", "debt.json", ".")
    assert states["no-leak-errors"] == "pass" and states["server-timeouts"] == "pass"
    assert code == 0


def test_checklist_thresholds_waivers_and_custom_items(tmp_path: Path,
                                                       lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(BAD)
    (tmp_path / "gate.toml").write_text('''
[items.no-leak-errors]
threshold = 1
[items.metrics-endpoint]
waived = "metrics are scraped from the sidecar"
[items.runtime-collectors]
enabled = false
[items.server-timeouts]
waived = "behind an nginx with client_header_timeout"
[items.pprof-not-public]
waived = "bound to the pod network only"
[custom.no-ticker-leaks]
title = "No ticker leaks"
rules = ["LG501", "LG502"]
''')
    code, states = _verdict(lint, "--checklist", "gate.toml", ".")
    assert states["no-leak-errors"] == "pass"  # 1 finding, threshold 1
    assert states["metrics-endpoint"] == "waived" and "runtime-collectors" not in states
    assert states["no-ticker-leaks"] == "pass"
    assert code == 0
    text = lint("gate", "--checklist", "gate.toml", ".")
    assert "metrics are scraped from the sidecar" in text.out


def test_checklist_errors_exit_2_naming_the_key(tmp_path: Path,
                                                lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(GOOD)
    cases = {
        '[items.no-such-item]\nthreshold = 1\n': "items.no-such-item",
        '[items.spans-ended]\nthresold = 1\n': "items.spans-ended.thresold",
        '[items.pprof-not-public]\nwaived = ""\n': "needs its reason",
        '[items.pprof-not-public]\nwaived = true\n': "needs its reason",
        '[custom.x]\nrules = "LG501"\n': "custom.x.rules",
        'verdict = "yes"\n': "verdict",
    }
    for text, named in cases.items():
        (tmp_path / "gate.toml").write_text(text)
        run = lint("gate", "--checklist", "gate.toml", ".")
        assert run.code == 2 and named in run.err and len(run.err.splitlines()) == 1, run.err


def test_example_delivery(lint: Callable[..., Run]) -> None:
    """testdata/delivery: a small multi-package service as a contractor might deliver it, and
    the same service fixed."""
    delivery = Path(__file__).resolve().parent.parent / "testdata" / "delivery"
    code, states = _verdict(lint, str(delivery / "rejected"))
    assert code == 1
    failed = {item for item, state in states.items() if state == "fail"}
    assert failed == {"no-leak-errors", "runtime-collectors", "spans-ended", "tickers-stopped",
                      "server-timeouts", "pprof-not-public"}
    code, states = _verdict(lint, str(delivery / "accepted"))
    assert code == 0 and set(states.values()) == {"pass"}


def test_sarif_of_the_findings_behind_the_verdict(tmp_path: Path,
                                                  lint: Callable[..., Run]) -> None:
    (tmp_path / "main.go").write_text(BAD)
    run = lint("gate", "--format", "sarif", ".")
    assert run.code == 1
    log = json.loads(run.out)
    rules = sorted(r["ruleId"] for r in log["runs"][0]["results"])
    assert rules == ["LG404", "LG601"]
