package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

func init() {
	prometheus.MustRegister(prometheus.NewGoCollector()) // want "LG702: the default registry already holds a Go collector: this MustRegister panics at start-up"
}

func register() error {
	process := collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})
	prometheus.DefaultRegisterer.MustRegister(process) // want "LG702: holds a process collector"
	return prometheus.Register(collectors.NewGoCollector()) // want "LG702: returns an AlreadyRegisteredError"
}
