package network

import (
	"net"
	"net/http"
	"time"
)

func debug() error {
	return http.ListenAndServe("localhost:6060", nil)
}

func timed(mux *http.ServeMux) *http.Server {
	return &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
}

func later(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	srv.ReadTimeout = 30 * time.Second
	return srv.ListenAndServe()
}

// Only local processes reach a unix socket.
func unixSocket(file string, h http.Handler) error {
	listener, err := net.Listen("unix", file)
	if err != nil {
		return err
	}
	return http.Serve(listener, h)
}
