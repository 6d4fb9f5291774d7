package network

import (
	"net/http"
	"time"
)

var shared = &http.Client{} // want "LG403: this http.Client has no Timeout"

func build() *http.Client {
	return &http.Client{CheckRedirect: nil} // want "LG403"
}

func viaDefault(req *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(req) // want "LG403: http.DefaultClient.Do sends through http.DefaultClient"
}

func packageGet(url string) (*http.Response, error) {
	return http.Get(url) // want "LG403" "LG603"
}

var _ = time.Second

// The transport only carries TLS settings: nothing bounds a peer that never answers.
var insecure = &http.Client{Transport: &http.Transport{TLSClientConfig: nil}} // want "LG403"

// A proxy and pool limits bound nothing either.
var proxied = &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment, MaxIdleConns: 10}} // want "LG403"
