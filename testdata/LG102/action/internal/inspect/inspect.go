package inspect

import (
	"errors"
	"net"
)

// Dump is exported, but only its module can import an internal package, and its one caller is
// a command's action: what its early return strands, it strands once per process.
func Dump(address string) error {
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
