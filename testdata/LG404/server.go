package network

import (
	"log"
	"net"
	"net/http"
)

func serve(mux *http.ServeMux) {
	log.Fatal(http.ListenAndServe(":8080", mux)) // want "LG404: http.ListenAndServe runs a server without timeouts"
}

func server(mux *http.ServeMux) *http.Server {
	return &http.Server{Addr: ":8080", Handler: mux} // want "LG404: this http.Server has no ReadHeaderTimeout"
}

func listener(l net.Listener, h http.Handler) error {
	return http.Serve(l, h) // want "LG404: http.Serve runs a server without timeouts"
}
