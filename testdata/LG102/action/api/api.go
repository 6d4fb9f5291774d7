package api

import (
	"errors"
	"net"
)

// Fetch is exported, but only the program imports its package (through cmd): the program's
// own code, whose one caller is the inspect command's action. What its early return strands,
// it strands once per process.
func Fetch(address string) error {
	done := make(chan error)
	go func() {
		conn, err := net.Dial("tcp", address)
		if err != nil {
			done <- err
			return
		}
		done <- conn.Close()
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}
