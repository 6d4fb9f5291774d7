// A daemon whose server lives in lib/: main's own requests run inside a service.
package main

import (
	"net/http"

	"example.com/daemonlib/lib"
)

func main() {
	go lib.Serve(":8080")
	refresh("https://config.example.com/v1")
}

func refresh(url string) {
	resp, err := http.Get(url) // want "LG603" "LG403"
	if err != nil {
		return
	}
	resp.Body.Close()
}
