package network

import (
	"fmt"
	"net/http"
	"time"
)

var withTimeout = &http.Client{Timeout: 10 * time.Second}

var withTransport = &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Second}}

type service struct {
	client *http.Client
}

// The timeout is set by a later assignment.
func newService() *service {
	s := &service{client: &http.Client{}}
	s.client.Timeout = 5 * time.Second
	return s
}

func laterVar() *http.Client {
	c := &http.Client{}
	c.Timeout = time.Minute
	return c
}

func local() (*http.Response, error) {
	return http.Get("http://localhost:9090/metrics")
}

// The host is written in the format, before its verbs: the agent's own port.
func localFormatted(port string) (*http.Response, error) {
	return http.Get(fmt.Sprintf("http://localhost:%s/metrics", port))
}

// A remote host formatted in: still reported.
func remoteFormatted(host string) (*http.Response, error) {
	return http.Get(fmt.Sprintf("https://%s/metrics", host)) // want "LG403" "LG603"
}

// A transport of the program's own, or one with its own dialer: deadlines may live there.
var dialer = &http.Client{Transport: &http.Transport{DialContext: nil}}

var given = &http.Client{Transport: http.DefaultTransport}
