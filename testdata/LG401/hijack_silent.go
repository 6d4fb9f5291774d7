package network

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httputil"
)

// After a protocol upgrade the connection is hijacked: the body must stay open.
func upgrade(conn net.Conn, req *http.Request) (net.Conn, *bufio.Reader, error) {
	clientconn := httputil.NewClientConn(conn, nil)
	resp, err := clientconn.Do(req)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		resp.Body.Close()
		return nil, nil, err
	}
	c, br := clientconn.Hijack()
	return c, br, nil
}
