// Command orders is a small example service with the kind of leaks leakgate finds.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	"example.com/orders/internal/store"
)

func main() {
	s := store.New()
	http.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.Save(ctx, r.URL.Query().Get("id")); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	http.HandleFunc("/stock", func(w http.ResponseWriter, r *http.Request) {
		count, err := store.Stock(r.URL.Query().Get("id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, count)
	})
	http.HandleFunc("/count", func(w http.ResponseWriter, r *http.Request) {
		count, err := s.Lookup(r.Context(), r.URL.Query().Get("id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusGatewayTimeout)
			return
		}
		fmt.Fprintln(w, count)
	})
	log.Fatal(http.ListenAndServe(":8080", nil)) // want "LG404"
}
