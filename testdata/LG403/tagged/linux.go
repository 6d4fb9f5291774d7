//go:build linux

package tagged

import "net/http"

// A platform constraint still builds into the product.
func upstream(url string) (*http.Response, error) {
	return http.Get(url) // want "LG403" "LG603"
}
