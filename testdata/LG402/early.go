package network

import (
	"log"
	"net/http"
)

func early(client *http.Client, req *http.Request) {
	resp, err := client.Do(req)
	defer resp.Body.Close() // want "LG402: using resp before checking for errors"
	if err != nil {
		log.Fatal(err)
	}
}
