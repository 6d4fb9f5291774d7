package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// The default registry holds the runtime collectors.
func serveDefault(mux *http.ServeMux) {
	mux.Handle("/metrics", promhttp.Handler())
	mux.Handle("/metrics2", promhttp.HandlerFor(prometheus.DefaultGatherer, promhttp.HandlerOpts{}))
}

// A registry handed in: where it comes from is not shown here.
func serveGiven(mux *http.ServeMux, given *prometheus.Registry) {
	mux.Handle("/given", promhttp.HandlerFor(given, promhttp.HandlerOpts{}))
}
