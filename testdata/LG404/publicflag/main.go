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
