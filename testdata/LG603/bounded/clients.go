package provider

import (
	"net"
	"net/http"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// go-cleanhttp's client has no Timeout, but this one is given one before it sends.
func CheckVersion(url string, timeout time.Duration) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	client := cleanhttp.DefaultClient()
	client.Timeout = timeout
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The same client as made: nothing but the peer ends the request.
func CheckVersionUnbounded(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	client := cleanhttp.DefaultClient()
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The transport is the caller's: nothing in the module calls this, so what bounds it is theirs
// to choose.
func FetchMetrics(url string, transport http.RoundTripper) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	client := http.Client{Transport: transport}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A dialer of the code's own may set a deadline on every read.
func deadlineDialer(timeout time.Duration) func(network, addr string) (net.Conn, error) {
	return func(network, addr string) (net.Conn, error) {
		conn, err := net.DialTimeout(network, addr, timeout)
		if err == nil {
			err = conn.SetDeadline(time.Now().Add(timeout))
		}
		return conn, err
	}
}

func PostSession(url string) error {
	transport := &http.Transport{Dial: deadlineDialer(70 * time.Second)}
	client := &http.Client{Transport: transport}
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A dial that only bounds the connecting, and a transport passed by this package's own code:
// a peer that accepts and stalls is never given up on.
func PostSlowly(url string) error {
	transport := &http.Transport{Dial: func(network, addr string) (net.Conn, error) {
		return net.DialTimeout(network, addr, 5*time.Second)
	}}
	return send(url, transport)
}

func send(url string, transport http.RoundTripper) error {
	req, err := http.NewRequest(http.MethodPost, url, nil) // want "LG603"
	if err != nil {
		return err
	}
	client := &http.Client{Transport: transport}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A dial written in place that sets a read deadline on the connection it makes.
func PostWithDeadline(url string) error {
	transport := &http.Transport{Dial: func(network, addr string) (net.Conn, error) {
		conn, err := net.Dial(network, addr)
		if err == nil {
			err = conn.SetReadDeadline(time.Now().Add(time.Minute))
		}
		return conn, err
	}}
	client := &http.Client{Transport: transport}
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
