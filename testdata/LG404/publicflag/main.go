// A service whose flag defaults to every interface.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
)

var addr = flag.String("listen", ":8080", "listen address")

func main() {
	flag.Parse()
	go func() {
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			log.Fatal(err)
		}
		log.Fatal(http.Serve(ln, nil)) // want "LG404"
	}()
	log.Fatal(http.ListenAndServe(*addr, nil)) // want "LG404"
}

// A parameter that shares a flag's name is not that flag.
var public = flag.String("public", "localhost:9", "")

func serveOn(public string) error {
	return http.ListenAndServe(public, nil) // want "LG404"
}
