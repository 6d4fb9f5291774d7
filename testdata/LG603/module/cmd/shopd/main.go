package main

import (
	"log"
	"net/http"
	"time"

	"example.com/shop/api"
)

func main() {
	fetcher := api.NewFetcher(&http.Client{}) // want "LG403"
	if err := fetcher.Fetch("https://upstream.example.com/prices"); err != nil {
		log.Print(err)
	}
	server := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(server.ListenAndServe())
}
