// A development server: loopback unless its user asks otherwise.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
)

const defaultAddr = "localhost:6060" // default webserver address

var (
	httpAddr  = flag.String("http", defaultAddr, "HTTP service address")
	traceAddr = flag.String("trace", "127.0.0.1:0", "trace viewer address")
	debugAddr string
)

func main() {
	flag.StringVar(&debugAddr, "debug", "localhost:7070", "debug address")
	pprofAddr := flag.String("pprof", "127.0.0.1:6061", "pprof address")
	flag.Parse()
	go http.ListenAndServe(*pprofAddr, nil)
	go serveTrace()
	go http.ListenAndServe(debugAddr, nil)
	log.Fatal(http.ListenAndServe(*httpAddr, nil))
}

func serveTrace() {
	ln, err := net.Listen("tcp", *traceAddr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(ln, nil))
}
