// Package metrics serves the default registry, which has the Go and process collectors; only
// its test puts a registry of its own in the field.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type Metrics struct {
	Reg *prometheus.Registry
	mux *http.ServeMux
}

func New() *Metrics {
	return &Metrics{Reg: prometheus.DefaultRegisterer.(*prometheus.Registry), mux: http.NewServeMux()}
}

func (m *Metrics) Serve() {
	m.mux.Handle("/metrics", promhttp.HandlerFor(m.Reg, promhttp.HandlerOpts{}))
}
