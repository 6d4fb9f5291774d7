package helpers

import (
	"io"
	"net/http"
)

func readAndClose(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Reads the status only: the body stays open.
func statusOf(resp *http.Response) int {
	return resp.StatusCode
}
