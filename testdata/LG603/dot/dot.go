package dot

import (
	. "net/http"
)

// A dot import of net/http: Get is http.Get.
func dotGet(url string) (*Response, error) {
	return Get(url) // want "LG603" "LG403"
}

// A local function value named Head shadows the dot-imported one.
func shadowedHead(url string) error {
	Head := func(string) error { return nil }
	return Head(url)
}
