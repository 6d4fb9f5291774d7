// Package gen is support code for the repository's code generators.
package gen

import "net/http"

func Serve(addr string) error {
	return http.ListenAndServe(addr, nil)
}
