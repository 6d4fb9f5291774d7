package waitgroups

import (
	"net"
	"sync"
)

// An accept loop counts its connections and closes stopped when it returns; Close waits for
// done before it waits for the group, so every Add has happened by then.
type server struct {
	l        net.Listener
	sessions sync.WaitGroup
	stopped  chan struct{}
}

func startServer(l net.Listener) *server {
	s := &server{l: l, stopped: make(chan struct{})}
	go s.serve()
	return s
}

func (s *server) serve() {
	defer close(s.stopped)
	for {
		conn, err := s.l.Accept()
		if err != nil {
			return
		}
		s.sessions.Add(1)
		go s.handle(conn)
	}
}

func (s *server) handle(c net.Conn) {
	defer s.sessions.Done()
	c.Close()
}

func (s *server) Close() {
	s.l.Close()
	<-s.stopped
	s.sessions.Wait()
}

// The same loop, but a Wait that does not wait for ended first can return before an Add.
type racyServer struct {
	l     net.Listener
	conns sync.WaitGroup
	ended chan struct{}
}

func startRacy(l net.Listener) *racyServer {
	s := &racyServer{l: l, ended: make(chan struct{})}
	go s.serve() // want "LG301: this goroutine runs serve, which calls `s.conns.Add`"
	return s
}

func (s *racyServer) serve() {
	defer close(s.ended)
	for {
		conn, err := s.l.Accept()
		if err != nil {
			return
		}
		s.conns.Add(1)
		go s.handle(conn)
	}
}

func (s *racyServer) handle(c net.Conn) {
	defer s.conns.Done()
	c.Close()
}

func (s *racyServer) Close() {
	s.l.Close()
	s.conns.Wait()
	<-s.ended
}
