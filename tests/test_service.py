"""The delivery gate's service facts of a `main` package (semantics/service.py): listeners,
/metrics and its registry's runtime collectors, pprof exposure, servers without timeouts —
across the package's files, and the same answers as LG404 and LG701."""

from __future__ import annotations

from pathlib import Path

from leakgate.engine import directory_view
from leakgate.semantics.service import ServiceFacts, service_facts


def _facts(tmp_path: Path, files: dict[str, str]) -> ServiceFacts | None:
    for name, source in files.items():
        (tmp_path / name).write_text(source)
    return service_facts(directory_view(str(tmp_path)), str(tmp_path))


def test_library_has_no_service_facts(tmp_path: Path) -> None:
    assert _facts(tmp_path, {"lib.go": "package lib\n\nfunc F() {}\n"}) is None


def test_default_registry_public_pprof_and_untimed_listener(tmp_path: Path) -> None:
    facts = _facts(tmp_path, {"main.go": '''package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	http.Handle("/metrics", promhttp.Handler())
	log.Fatal(http.ListenAndServe(":8080", nil))
}
'''})
    assert facts is not None and facts.serves_http
    (listener,) = facts.listeners
    assert (listener.how, listener.address, listener.public, listener.default_mux) == \
        ("http.ListenAndServe", '":8080"', True, True)
    (metrics,) = facts.metrics
    assert (metrics.route, metrics.registry, metrics.runtime_collectors) == \
        ("/metrics", "default", True)
    assert facts.pprof_imported and facts.pprof_exposure == "public-default-mux"
    assert [p.line for p in facts.untimed_servers] == [13]


def test_custom_registry_across_files_and_pprof_on_a_separate_local_mux(tmp_path: Path) -> None:
    facts = _facts(tmp_path, {
        "registry.go": '''package main

import "github.com/prometheus/client_golang/prometheus"

var registry = prometheus.NewRegistry()
''',
        "server.go": '''package main

import (
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	srv := &http.Server{Addr: ":9090", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	debug := http.NewServeMux()
	debug.HandleFunc("/debug/pprof/", pprof.Index)
	go http.ListenAndServe("localhost:6060", debug)
	_ = srv.ListenAndServe()
}
'''})
    assert facts is not None
    (metrics,) = facts.metrics
    assert (metrics.registry, metrics.runtime_collectors) == ("registry", False)
    assert facts.pprof_exposure == "separate-mux"
    hows = [(listener.how, listener.public) for listener in facts.listeners]
    assert hows == [("http.ListenAndServe", False), ("srv.ListenAndServe", True)]
    assert facts.untimed_servers == []  # the loopback listener is not a public server


def test_collectors_registered_in_another_file(tmp_path: Path) -> None:
    facts = _facts(tmp_path, {
        "registry.go": '''package main

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

var registry = prometheus.NewRegistry()

func init() {
	registry.MustRegister(collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}
''',
        "main.go": '''package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	http.Handle("/metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
}
'''})
    assert facts is not None and not facts.serves_http
    assert [m.runtime_collectors for m in facts.metrics] == [True]
    assert facts.pprof_exposure is None
