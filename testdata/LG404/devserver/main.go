// A development server: its listener is made by a helper, on a host its flag defaults to
// loopback, and handed down two calls before it is served.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strconv"
)

var (
	host string
	port int
)

func init() {
	flag.StringVar(&host, "host", "127.0.0.1", "The host at which to serve http.")
	flag.IntVar(&port, "port", 8080, "The port at which to serve http.")
}

func main() {
	flag.Parse()
	listener := createListener()
	serve(listener)
	other, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+1)))
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(other, nil))
}

func createListener() net.Listener {
	l, err := net.Listen("tcp", fmt.Sprintf("%s:%d", host, port))
	if err != nil {
		log.Fatal(err)
	}
	return l
}

func serve(listener net.Listener) {
	activate(listener)
}

func activate(listener net.Listener) {
	if err := http.Serve(listener, nil); err != nil {
		log.Println(err)
	}
}
