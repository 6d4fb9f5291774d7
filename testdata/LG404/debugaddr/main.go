package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

// A loopback address held in a constant, and a debug server started only with it (notary's
// shape): local, like one written in the call.
const (
	debugAddr  = "localhost:8080"
	publicAddr = ":8080"
)

func main() {
	debug := flag.Bool("debug", false, "serve the debug endpoints on localhost")
	flag.Parse()
	if *debug {
		go debugServer(debugAddr)
	}
	go http.ListenAndServe(debugAddr, nil)
	go metrics(publicAddr)
	go status("localhost:9090")
	go status(publicAddr)
	go fromEnv("localhost:7070")
	log.Fatal(serveAPI())
}

func debugServer(addr string) {
	if err := http.ListenAndServe(addr, nil); err != nil {
		log.Fatalf("debug server: %v", err)
	}
}

// Every caller passes a public address.
func metrics(addr string) {
	log.Fatal(http.ListenAndServe(addr, nil)) // want "LG404"
}

// One caller of two passes a public address.
func status(addr string) {
	log.Fatal(http.ListenAndServe(addr, nil)) // want "LG404"
}

// The parameter is replaced at run time: what the callers pass says nothing.
func fromEnv(addr string) {
	if env := os.Getenv("STATUS_ADDR"); env != "" {
		addr = env
	}
	log.Fatal(http.ListenAndServe(addr, nil)) // want "LG404"
}
