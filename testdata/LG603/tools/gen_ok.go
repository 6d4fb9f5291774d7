//go:build ignore

// A program kept out of every build (a generator or test driver), linted with test leniency.
package main

import "net/http"

func main() {
	resp, err := http.Get("http://localhost:8080/spec")
	if err != nil {
		panic(err)
	}
	_ = resp.Body.Close()
}
