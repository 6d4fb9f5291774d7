// Listen addresses whose loopback default sits in a struct that a flag parser fills
// (tagflag's shape), as local as a flag.String default.
package main

import (
	"log"
	"net"
	"net/http"
	"os"

	"github.com/anacrolix/tagflag"
)

type parser interface{ Parse(any) }

var other parser

func main() {
	var args = struct {
		Addr   string
		Public string
	}{
		Addr:   "localhost:8080",
		Public: ":8080",
	}
	tagflag.Parse(&args)
	l, err := net.Listen("tcp", args.Addr)
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(l, nil)
	srv := http.Server{Addr: args.Addr}
	go srv.ListenAndServe()
	public := http.Server{Addr: args.Public} // want "LG404"
	go public.ListenAndServe()
	log.Fatal(overridden())
}

// The field is set in the function: the literal's default says nothing.
func overridden() error {
	cfg := struct{ Addr string }{Addr: "localhost:9090"}
	if env := os.Getenv("ADDR"); env != "" {
		cfg.Addr = env
	}
	srv := &http.Server{Addr: cfg.Addr} // want "LG404"
	return srv.ListenAndServe()
}

// Handed to something that is no flag parser: it may set any field.
func handed() error {
	cfg := struct{ Addr string }{Addr: "localhost:9090"}
	other.Parse(&cfg)
	return http.ListenAndServe(cfg.Addr, nil) // want "LG404"
}

// A server handed a listener ignores its Addr.
func listener(l net.Listener) error {
	srv := &http.Server{Addr: "localhost:6060"} // want "LG404"
	return srv.Serve(l)
}


// Replaced as a whole: the first literal says nothing.
func replaced() error {
	cfg := struct{ Addr string }{Addr: "localhost:9090"}
	cfg = struct{ Addr string }{Addr: ":9090"}
	return http.ListenAndServe(cfg.Addr, nil) // want "LG404"
}
