package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// One registry per tenant: each metric is registered once on its own registry.
func perTenant(tenants []string) []*prometheus.Registry {
	var registries []*prometheus.Registry
	for range tenants {
		reg := prometheus.NewRegistry()
		promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "requests_total"})
		registries = append(registries, reg)
	}
	for range tenants {
		promauto.With(prometheus.NewPedanticRegistry()).NewGauge(prometheus.GaugeOpts{Name: "up"})
	}
	return registries
}

// A constant label whose value differs per item names a different metric each time.
func perResource(reg prometheus.Registerer, limits map[string]float64) {
	for kind, limit := range limits {
		promauto.With(reg).NewGauge(prometheus.GaugeOpts{
			Name:        "limit",
			ConstLabels: map[string]string{"resource": kind},
		}).Set(limit)
	}
}

// The same metric on one registry every time round: the second registration panics.
func shared(reg prometheus.Registerer, shards []string) {
	for range shards {
		promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "shard_total"}) // want "LG703: inside a loop"
	}
	for range shards {
		promauto.With(reg).NewGauge(prometheus.GaugeOpts{ // want "LG703: inside a loop"
			Name:        "shard_up",
			ConstLabels: map[string]string{"pool": "main"},
		})
	}
}

// A label value from outside the loop is the same for every item: the same metric again.
func sameLabel(reg prometheus.Registerer, component string, shards []string) {
	for range shards {
		promauto.With(reg).NewGauge(prometheus.GaugeOpts{ // want "LG703: inside a loop"
			Name:        "component_up",
			ConstLabels: map[string]string{"component": component},
		})
	}
}
