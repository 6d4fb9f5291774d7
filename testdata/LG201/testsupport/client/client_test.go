package client

import (
	"net"
	"testing"

	"example.com/testsupport/internal/fakeserver"
)

func TestWatch(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fakeserver.Listen(l, func(c net.Conn) { c.Close() })
	Watch(func() {})
}
