package tools

import (
	"net/http"
	"time"

	"example.com/shop/api"
)

func Check(url string) error {
	return api.NewChecker(&http.Client{Timeout: 10 * time.Second}).Check(url)
}
