package api

import (
	"errors"
	"net"
)

// Fetch is an API any module may import and call again and again: each early return strands
// one more goroutine, whoever calls it here.
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
