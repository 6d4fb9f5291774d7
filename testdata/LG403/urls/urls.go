package urls

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
)

const (
	sidecarBase   = "http://localhost:%d/v1.0"
	sidecarMethod = sidecarBase + "/actors/%s/method"
)

// The host is in the constant format, its port filled in.
func sidecar(port int, actor string) (*http.Response, error) {
	return http.Post(fmt.Sprintf(sidecarMethod, port, actor), "application/json", nil)
}

// The host is the format's first argument.
func admin(port int) (*http.Response, error) {
	return http.Get(fmt.Sprintf("http://%s:%d/ready", "localhost", port))
}

// The host is joined to its port.
func joined(port string) (*http.Response, error) {
	return http.Get("http://" + net.JoinHostPort("127.0.0.1", port) + "/stats")
}

// The port comes from the environment; the host is written before it.
func expanded() (*http.Response, error) {
	return http.Get(os.ExpandEnv("http://localhost:$FORWARD_PORT/healthz"))
}

// Parsed and printed back: the same host.
func parsed(port int) (*http.Response, error) {
	u, err := url.Parse(fmt.Sprintf(sidecarBase, port))
	if err != nil {
		return nil, err
	}
	return http.Get(u.String())
}

// The host is the caller's: a remote peer may hold it.
func remoteHost(host string, port int) (*http.Response, error) {
	return http.Get(fmt.Sprintf("http://%s:%d/ready", host, port)) // want "LG403" "LG603"
}

// The host comes from the environment.
func remoteExpanded() (*http.Response, error) {
	return http.Get(os.ExpandEnv("http://$PEER_HOST/healthz")) // want "LG403" "LG603"
}

// A remote host joined to its port.
func remoteJoined(host, port string) (*http.Response, error) {
	return http.Get("http://" + net.JoinHostPort(host, port)) // want "LG403" "LG603"
}

// A prefix that only looks local: localhost.example.com is a remote name.
func lookalike() (*http.Response, error) {
	return http.Get(fmt.Sprintf("http://localhost.%s/x", "example.com")) // want "LG403" "LG603"
}

// Given another local value for another port: every value is local.
func status(port int) (*http.Response, error) {
	url := "http://127.0.0.1/nginx_status"
	if port != 80 {
		url = fmt.Sprintf("http://127.0.0.1:%d/nginx_status", port)
	}
	return http.Get(url)
}

// One of the values it can be given is the caller's host.
func statusOf(host string, remote bool) (*http.Response, error) {
	url := "http://127.0.0.1/nginx_status"
	if remote {
		url = "http://" + host + "/nginx_status"
	}
	return http.Get(url) // want "LG403" "LG603"
}

// Given its value by a call whose result is not known.
func statusFrom(lookup func() (string, error)) (*http.Response, error) {
	url := "http://127.0.0.1/nginx_status"
	var err error
	if url, err = lookup(); err != nil {
		return nil, err
	}
	return http.Get(url) // want "LG403" "LG603"
}
