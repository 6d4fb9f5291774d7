// A service as a contractor might deliver it: it works, and it leaks.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"example.com/shop/internal/inventory"
	"example.com/shop/internal/worker"
)

var registry = prometheus.NewRegistry()

func main() {
	registry.MustRegister(worker.Processed)
	pool := worker.NewPool(4)
	pool.Start()
	stock := inventory.New("http://inventory.internal:8080")
	http.Handle("/metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	http.HandleFunc("/events", func(w http.ResponseWriter, r *http.Request) {
		_ = worker.Heartbeat(r.Context(), func() { _, _ = w.Write([]byte("\n")) })
	})
	http.HandleFunc("/stock", func(w http.ResponseWriter, r *http.Request) {
		n, err := stock.Count(r.Context(), r.URL.Query().Get("sku"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte{byte(n)})
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
