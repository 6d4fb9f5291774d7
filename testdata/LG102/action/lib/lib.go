package lib

import (
	"errors"
	"net"
)

// Fetch is the API of a library package nothing in its module imports: other modules call it
// as often as they like, and each early return strands one more goroutine.
func Fetch(address string) error {
	done := make(chan error)
	go func() {
		conn, err := net.Dial("tcp", address)
		if err != nil {
			done <- err // want "LG102: goroutine started on line 12 sends on unbuffered channel `done`; the function can return at line 21"
			return
		}
		done <- conn.Close()
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}
