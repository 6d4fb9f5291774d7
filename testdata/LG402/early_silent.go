package network

import (
	"log"
	"net/http"
)

func checked(client *http.Client, req *http.Request) {
	resp, err := client.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
}

func unwrapped(client *http.Client, req *http.Request) {
	unwrap := func(resp *http.Response, err error) *http.Response {
		if err != nil {
			panic(err)
		}
		return resp
	}
	resp := unwrap(client.Do(req))
	defer resp.Body.Close()
}

func nilCheckedClosure(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	return err
}
