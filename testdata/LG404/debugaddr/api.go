package main

import "net/http"

func serveAPI() error {
	return http.ListenAndServe(publicAddr, nil) // want "LG404"
}
