//go:build e2e

package tagged

import "net/http"

// A helper of the end-to-end suite, built only with `-tags e2e`.
func probe(url string) (*http.Response, error) {
	return http.Get(url)
}
