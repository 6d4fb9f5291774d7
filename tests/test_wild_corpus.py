"""Precision beyond the ledger's 20 packages: the Go libraries Debian installs with them.

`tests/wild/corpus-verdicts.tsv` holds verdicts on findings in those libraries. The package
directories that hold a judged finding are linted, and the test fails when a finding judged
TRUE is no longer reported, or one judged FALSE that had become silent comes back. FALSE
findings still reported are known misses: listed, not failed, so that progress shows. Rows
whose package is installed at another version than the one judged are skipped (lines move).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corpus import GOCODE, require

VERDICTS = Path(__file__).resolve().parent / "wild" / "corpus-verdicts.tsv"
# TRUE verdicts deliberately given up, with why.
ACCEPTED_LOSSES = {
    # LG102 is silent in test code: on fresh code 0 of 38 test findings were worth fixing
    # (a sender stuck in a test binary neither hangs nor fails the run; the abandoning way out
    # was a failing test's, or one the code under test cannot take on a passing run). These
    # three leak on passing runs, which no fact the rule has tells from those 38:
    **{("go.etcd.io/etcd/pkg/transport/listener_test.go", line, "LG102"):
       "a test's sender left behind on a passing run (etcd buffered the channels later); the "
       "gosnmp and v2ray test shapes judged FALSE read the same"
       for line in (152, 160, 162)},
    ("go.etcd.io/etcd/mvcc/backend/backend_test.go", 39, "LG102"):
        "a test's watchdog: the receive is skipped only after t.Error has failed the test, the "
        "shape judged FALSE in x/text and libseccomp; TRUE here only because etcd changed it",
    # LG102 reports only code shown to run again and again (semantics.frequency): a package
    # only the module's programs import is their own code, not an API, and this method runs
    # once per process there (the registry command's action); how often a module embedding
    # the registry would call it is not in the code.
    ("github.com/docker/distribution/registry/registry.go", 304, "LG102"):
        "the registry's ListenAndServe, run once per process by its own command; judged TRUE "
        "for modules that embed the registry, which the module view cannot see",
    # LG603 with no context anywhere in reach reports only a client known to have no timeout
    # (draw 2026-12-01d: 84 of lego's 88 context-free requests through configured clients
    # were judged FALSE). These clients are of a make the module view does not follow:
    ("github.com/docker/distribution/notifications/http.go", 82, "LG603"):
        "a client with a Timeout and no context in the Sink API: the shape judged FALSE in "
        "lego, elastic and go-autorest; TRUE here only because upstream added a context later",
    **{("github.com/theupdateframework/notary/storage/httpstore.go", line, "LG603"):
       "the caller's RoundTripper, built four calls up in cmd/notary and wrapped by "
       "transport.NewTransport, a constructor whose result the module view does not follow"
       for line in (196, 254, 289, 330, 356)},
    ("github.com/Azure/go-autorest/autorest/azure/metadata_environment.go", 233, "LG603"):
        "sent by autorest.NewClientWithUserAgent's sender, another package's constructor "
        "whose result is not followed",
    # LG601 is silent in _test.go files: a lost cancel there cannot hang or fail the test
    # (fresh code: none of 9 judged worth fixing). These two were judged TRUE for vet parity:
    **{(path, line, "LG601"): "a test's discarded timeout cancel, released at its deadline"
       for path, line in (("github.com/containers/storage/pkg/ioutils/readers_test.go", 82),
                          ("github.com/google/certificate-transparency/go/client/"
                           "logclient_test.go", 164))},
    ("github.com/go-acme/lego/providers/dns/internal/selectel/client.go", 100, "LG401"):
        "c.do closes the body when handed a target to decode into and not when handed nil, "
        "as DeleteRecord does: a summary per argument value, which helper summaries do not split",
    ("github.com/VictoriaMetrics/VictoriaMetrics/app/vmctl/opentsdb/opentsdb.go", 187, "LG401"):
        "a package only the vmctl command imports counts as the command's code, whose leaks "
        "end with its process (its three one-shot requests were judged FALSE so); how often "
        "the command repeats this one per series is not followed",
    **{("github.com/go-acme/lego/providers/dns/stackpath/client.go", line, "LG603"):
       "golang.org/x/oauth2's clientcredentials client, of a make not followed"
       for line in (135, 148)},
}


def _rows() -> list[list[str]]:
    return [line.split("\t") for line in VERDICTS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _versions(packages: set[str]) -> dict[str, str]:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Package}\t${Version}\n", *sorted(packages)],
                          capture_output=True, text=True)
    return dict(line.split("\t", 1) for line in done.stdout.splitlines() if "\t" in line)


def test_wild_corpus_verdicts() -> None:
    rows = _rows()
    require(GOCODE / rows[0][2], rows[0][0])
    versions = _versions({row[0] for row in rows})
    current = [row for row in rows if versions.get(row[0]) == row[1]]
    skipped = len(rows) - len(current)
    assert current, "no judged package is installed at its judged version"
    directories = sorted({str((GOCODE / row[2]).parent) for row in current})
    rules = sorted({row[4] for row in current})
    done = subprocess.run(
        [sys.executable, "-m", "leakgate.cli", "check", "--format", "json", "--allow-unanalysed",
         "-q", "--include-testdata", "--select", ",".join(rules), *directories],
        capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    reported = {(str(Path(f["path"]).resolve().relative_to(GOCODE)), f["line"], f["rule"])
                for f in json.loads(done.stdout)["findings"]}
    lost, back, known = [], [], []
    for package, _, path, line, rule, verdict, state, reason in current:
        key = (path, int(line), rule)
        if verdict == "TRUE" and key not in reported and key not in ACCEPTED_LOSSES:
            lost.append(f"{path}:{line} {rule} ({package}): {reason}")
        if verdict == "FALSE" and key in reported:
            (back if state == "silent" else known).append(f"{path}:{line} {rule}: {reason}")
    print(f"{len(current)} verdicts checked ({skipped} skipped: other package versions); "
          f"{len(known)} FALSE findings still reported (known misses)")
    assert not lost, "judged TRUE, no longer reported:\n" + "\n".join(lost)
    assert not back, "judged FALSE, silent before, reported again:\n" + "\n".join(back)
