"""The HTML report and the gate's HTML page, on a delivery whose Go code, paths and suppression
reasons carry HTML and script: everything is shown as text, nothing runs, the page stays whole.

The Chromium test opens both pages in Debian's headless `chromium` (installed by `.ci/run`), once
as written and once with the Content-Security-Policy removed (so that escaping alone is what is
tested), and saves screenshots (to $LEAKGATE_SCREENSHOTS when set, else the test's tmp dir).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Run

REPO = Path(__file__).resolve().parent.parent
PAYLOAD = ("</script><script>document.title='PWNED'</script>"
           "<img src=x onerror=\"document.title='PWNED'\">")
HOSTILE_DIR = 'cmd/x"><img src=x onerror="document.title=\'PWNED\'">'
HOSTILE_FILE = "<blink>broken<blink>.go"

MAIN = """package main

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// PAYLOAD
func fetch(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	if ctx == nil {
		return nil
	}
	defer cancel()
	req, _ := http.NewRequest("GET", `PAYLOAD`, nil) /* PAYLOAD <!-- */
	_ = req
	return nil
}

func suppressed(ctx context.Context) {
	_ = ctx
	req, _ := http.NewRequest("GET", "/", nil) //leakgate:ignore LG603 </td></tr></table>PAYLOAD<!--
	_ = req
}

func main() {
	reg := prometheus.NewRegistry()
	http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	http.HandleFunc("/f", func(w http.ResponseWriter, r *http.Request) { _ = fetch(r.Context()) })
	http.ListenAndServe(":8080", nil)
}
"""


def hostile_delivery(root: Path) -> Path:
    """A service whose every shown string is hostile: a directory and a file name, a comment,
    a string literal, a suppression reason, and a file that neither parses nor is UTF-8."""
    package = root / HOSTILE_DIR
    package.mkdir(parents=True)
    (root / "go.mod").write_text("module example.com/hostile\n\ngo 1.22\n")
    (package / "main.go").write_text(MAIN.replace("PAYLOAD", PAYLOAD))
    (package / HOSTILE_FILE).write_bytes(
        b"package main\n\nfunc broken( {\n\t\"" + PAYLOAD.encode() + b"\xff\xfe\n")
    return package


class Page(HTMLParser):
    """Elements, attributes and text of a page, as a browser's parser would see them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, _tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.title += data

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(1 for name, attrs in self.tags if name == tag and
                   (cls is None or cls in (attrs.get("class") or "").split()))

    def last_tag(self) -> tuple[str, dict[str, str | None]]:
        return [t for t in self.tags if t[0] not in ("br",)][-1]


def assert_inert(markup: str, findings: int, suppressions: int) -> Page:
    """No element, attribute or script came from the delivery, and the page is whole: every
    finding has its article, every suppression its row, and the footer is the last element."""
    page = Page(markup)
    assert "PWNED" not in page.title
    assert page.count("script") == 0 and page.count("img") == 0 and page.count("blink") == 0
    assert not [(tag, name) for tag, attrs in page.tags for name in attrs
                if name.startswith("on")]
    assert page.count("article", "finding") == findings
    suppression_rows = [t for t in page.tags if t[0] == "tr"]
    assert len(suppression_rows) >= suppressions
    text = "".join(page.text)
    assert PAYLOAD in text  # shown, as text, where the code has it
    assert "</td></tr></table>" in text  # the suppression reason, whole
    assert HOSTILE_FILE in text and 'onerror="document.title=' in text
    assert page.last_tag() == ("footer", {"id": "end"})
    return page


@pytest.fixture
def hostile(tmp_path: Path, lint: Callable[..., Run]) -> dict[str, str]:
    """The delivery's HTML report and gate page, and how many findings each shows."""
    hostile_delivery(tmp_path)
    report = lint("check", "--select", "LG", "--ignore", "LG605", "--format", "html",
                  "--output", "report.html", "--format", "json", ".")  # as the gate runs them
    assert report.code == 1
    findings = [f for f in json.loads(report.out)["findings"] if "suppressed" not in f]
    gate = lint("gate", ".", "--format", "html", "--output", "gate.html")
    assert gate.code == 1
    return {"report": (tmp_path / "report.html").read_text(encoding="utf-8"),
            "gate": (tmp_path / "gate.html").read_text(encoding="utf-8"),
            "findings": str(len(findings))}


def test_hostile_delivery_is_shown_as_text(hostile: dict[str, str]) -> None:
    findings = int(hostile["findings"])
    assert findings >= 4
    for name in ("report", "gate"):
        page = assert_inert(hostile[name], findings, 1)
        text = "".join(page.text)
        assert "syntax errors" in text and "invalid UTF-8" in text  # named as not analysed
    gate = Page(hostile["gate"])
    assert "Delivery REJECTED" in "".join(gate.text)
    assert gate.count("span", "status") >= 9


def test_page_is_self_contained_with_a_strict_policy(hostile: dict[str, str]) -> None:
    for markup in (hostile["report"], hostile["gate"]):
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                           markup)
        assert policy
        rules = html.unescape(policy.group(1))
        assert "default-src 'none'" in rules and "style-src 'sha256-" in rules
        assert "script-src" not in rules  # none: default-src 'none' covers it
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", markup.split("<main>")[0])
        assert "<link" not in markup and "@import" not in markup
        # every link is the page's own anchor or the rule's online page
        assert set(re.findall(r'href="([^"#][^"]*)"', markup)) <= {
            f"https://github.com/leakgate/leakgate/blob/main/docs/rules/LG{n}.md"
            for n in range(0, 800)}


def test_report_sections(lint: Callable[..., Run], tmp_path: Path) -> None:
    """Summary by family and rule, findings with their source, related places, suppressions
    with reasons, and the rules' help on the page."""
    shutil.copytree(REPO / "testdata" / "example", tmp_path / "example")
    run = lint("check", "--format", "html", "example")
    assert run.code == 1
    page = Page(run.out)
    text = "".join(page.text)
    for heading in ("Summary", "By family", "By rule", "Findings by file", "Suppressions",
                    "Not analysed", "Rules"):
        assert heading in text
    assert "LG6xx Context" in text and "Code base" in text and "example" in text
    assert page.count("pre", "src") == page.count("article", "finding") > 0
    assert page.count("span", "hit") >= page.count("article", "finding")
    for rule_id in {m for m in re.findall(r'href="#rule-(LG\d{3})"', run.out)}:
        assert f'id="rule-{rule_id}"' in run.out  # the help is one click away, on the page
    assert "<h2>Summary" in run.out.split("Findings by file")[0]
    rules = run.out.split('<section id="rules">')[1]
    assert "<h4>What it does</h4>" in rules and "<h4>Use instead</h4>" in rules
    assert "## " not in rules and "```" not in rules and "<code>WithTimeout</code>" in rules


def test_html_is_deterministic(lint: Callable[..., Run], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    shutil.copytree(REPO / "testdata" / "delivery" / "rejected", tmp_path / "rejected")
    one = lint("check", "--jobs", "1", "--format", "html", "rejected").out
    two = lint("check", "--jobs", "2", "--format", "html", "rejected").out
    assert one == two and "2025-11-24 16:00 UTC" in one
    assert lint("gate", "rejected", "--format", "html").out == \
        lint("gate", "rejected", "--format", "html").out


def test_gate_page_accepted_and_rejected(lint: Callable[..., Run], tmp_path: Path) -> None:
    for name in ("rejected", "accepted"):
        shutil.copytree(REPO / "testdata" / "delivery" / name, tmp_path / name)
    rejected = lint("gate", "rejected", "--format", "html")
    accepted = lint("gate", "accepted", "--format", "html")
    assert (rejected.code, accepted.code) == (1, 0)
    assert "Delivery REJECTED" in rejected.out and "Delivery ACCEPTED" in accepted.out
    for item in ("no-leak-errors", "runtime-collectors", "spans-ended", "tickers-stopped",
                 "server-timeouts", "pprof-not-public"):
        assert f'id="item-{item}"' in rejected.out
    assert Page(accepted.out).count("article", "finding") == 0
    verdict = rejected.out.split('<section id="summary">')[0]
    for anchor in re.findall(r'<li><a href="#(f\d+-\d+)"><code>', verdict):  # evidence → finding
        assert f'id="{anchor}"' in rejected.out
    assert len(re.findall(r'<li><a href="#f', verdict)) == 5  # 2 errors, span, ticker, server
    unwritable = lint("gate", "rejected", "--format", "html", "--output", "missing/gate.html")
    assert unwritable.code == 2 and "missing/gate.html" in unwritable.err
    assert len(unwritable.err.strip().splitlines()) == 1


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    return found


def _browser(chromium: str, profile: Path, *args: str) -> str:
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
         "--virtual-time-budget=3000", *args],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_chromium_runs_nothing_from_the_delivery(hostile: dict[str, str],
                                                 tmp_path: Path) -> None:
    chromium = _chromium()
    assert chromium is not None
    shots = Path(os.environ.get("LEAKGATE_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    findings = int(hostile["findings"])
    for name in ("report", "gate"):
        written = tmp_path / f"{name}.html"
        bare = tmp_path / f"{name}-no-csp.html"  # escaping alone, without the policy's wall
        bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "",
                               hostile[name]), encoding="utf-8")
        for page_file in (written, bare):
            dom = _browser(chromium, tmp_path / "profile", "--dump-dom", page_file.as_uri())
            assert "<title>" in dom and "PWNED" not in Page(dom).title
            assert_inert(dom, findings, 1)
        screenshot = shots / f"hostile-{name}.png"
        _browser(chromium, tmp_path / "profile", "--window-size=1280,2200",
                 f"--screenshot={screenshot}", bare.as_uri())
        assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert screenshot.stat().st_size > 20_000  # a rendered page, not a blank one
