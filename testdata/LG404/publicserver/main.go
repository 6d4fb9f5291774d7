// The same shape on a host that defaults to every interface: a public server.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
)

var (
	host string
	port int
)

func init() {
	flag.StringVar(&host, "host", "0.0.0.0", "The host at which to serve http.")
	flag.IntVar(&port, "port", 8080, "The port at which to serve http.")
}

func main() {
	flag.Parse()
	serve(createListener())
	var debug net.Listener
	var err error
	debug, err = net.Listen("tcp", fmt.Sprintf("%s:%d", "localhost", port+1))
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(debug, nil)
}

func createListener() net.Listener {
	l, err := net.Listen("tcp", fmt.Sprintf("%s:%d", host, port))
	if err != nil {
		log.Fatal(err)
	}
	return l
}

func serve(listener net.Listener) {
	log.Fatal(http.Serve(listener, nil)) // want "LG404"
}
