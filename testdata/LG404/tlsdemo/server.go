// A demonstration program next to the library: not the product's service.
package main

import "net/http"

func main() {
	http.ListenAndServe(":8888", nil)
}
