// A one-shot command: neither it nor the package it imports serves; Ctrl-C ends its request.
package main

import (
	"io"
	"net/http"
	"os"

	"example.com/daemonlib/conf"
)

func main() {
	for _, url := range conf.Parse(os.Args[1]) {
		resp, err := http.Get(url)
		if err != nil {
			os.Exit(1)
		}
		_, _ = io.Copy(os.Stdout, resp.Body)
		resp.Body.Close()
	}
}
