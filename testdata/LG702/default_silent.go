package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// A registry of its own starts empty: runtime collectors belong there.
func own() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

var requests = prometheus.NewCounter(prometheus.CounterOpts{Name: "requests_total"})

func registerOwnMetric() {
	prometheus.MustRegister(requests)
}
