// Package testutil helps tests: its requests go to the test's own servers.
package testutil

import "net/http"

func Scrape(url string) (*http.Response, error) {
	return http.Get(url)
}
