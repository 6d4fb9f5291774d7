package exported

import "net/http"

const local = "127.0.0.1:6060"

// Exported from a library: its callers live elsewhere and may pass any address.
func Serve(addr string) error {
	return http.ListenAndServe(addr, nil) // want "LG404"
}

func start() error { return Serve(local) }

// Unexported, used as a value: the calls it gets are not all in sight.
func serve(addr string) error {
	return http.ListenAndServe(addr, nil) // want "LG404"
}

var handlers = map[string]func(string) error{"serve": serve}

func run() error { return serve(local) }

// Called through an interface too: not every caller is in sight.
type starter interface{ start(addr string) error }

type node struct{}

func (node) start(addr string) error {
	return http.ListenAndServe(addr, nil) // want "LG404"
}

func boot(n node, s starter) error {
	if err := n.start(local); err != nil {
		return err
	}
	return s.start(":80")
}
