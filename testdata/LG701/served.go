package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var requests = prometheus.NewCounter(prometheus.CounterOpts{Name: "requests_total"})

func serve(mux *http.ServeMux) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(requests)
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{})) // want "LG701: promhttp.HandlerFor serves the registry `reg`"
}
