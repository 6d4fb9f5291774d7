package store

import (
	"encoding/json"
	"net/http"
)

// Stock asks the inventory service how many items are left.
func Stock(id string) (int, error) {
	resp, err := http.Get("http://inventory/stock/" + id) // want "LG403" "LG603"
	defer resp.Body.Close()                                // want "LG402"
	if err != nil {
		return 0, err
	}
	var count int
	err = json.NewDecoder(resp.Body).Decode(&count)
	return count, err
}
