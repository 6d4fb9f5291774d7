// The same service, fixed: runtime metrics, server timeouts, pprof on a loopback-only mux.
package main

import (
	"log"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"example.com/shop/internal/inventory"
	"example.com/shop/internal/worker"
)

var registry = prometheus.NewRegistry()

func main() {
	registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		worker.Processed,
	)
	pool := worker.NewPool(4)
	pool.Start()
	defer pool.Stop()
	stock := inventory.New("http://inventory.internal:8080")

	debug := http.NewServeMux()
	debug.HandleFunc("/debug/pprof/", pprof.Index)
	go func() { log.Println(http.ListenAndServe("localhost:6060", debug)) }()

	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("/events", func(w http.ResponseWriter, r *http.Request) {
		_ = worker.Heartbeat(r.Context(), func() { _, _ = w.Write([]byte("\n")) })
	})
	mux.HandleFunc("/stock", func(w http.ResponseWriter, r *http.Request) {
		n, err := stock.Count(r.Context(), r.URL.Query().Get("sku"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte{byte(n)})
	})
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
