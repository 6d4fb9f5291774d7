package work

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"example.com/frequency/pb"
)

// dial leaks a goroutine on its early return. Whether that matters depends on how often the
// code calling it runs: each function below reaches it a different way.
func dial(address string) error {
	return nil
}

// Handle is an HTTP handler: it runs once per request, and each timeout strands one more sender.
func Handle(w http.ResponseWriter, r *http.Request) {
	done := make(chan error)
	go func() {
		done <- dial(r.URL.Query().Get("address")) // want "LG102: goroutine started on line 22 sends on unbuffered channel `done`; the function can return at line 29 \\(on timeout\\)"
	}()
	select {
	case err := <-done:
		_ = err
	case <-time.After(time.Second):
		return
	}
}

// Poll calls probe once per address, in a loop that goes on after each call.
func Poll(addresses []string) {
	for _, address := range addresses {
		_ = probe(address)
	}
}

func probe(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address) // want "LG102: goroutine started on line 42 sends on unbuffered channel `done`"
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}

// Lookup's loop is a search: it calls find once and returns, and main calls Lookup once.
func Lookup(names []string, target string) error {
	for _, name := range names {
		if name == target {
			return find(name)
		}
	}
	return nil
}

func find(name string) error {
	done := make(chan error)
	go func() {
		done <- dial(name)
	}()
	if name == "" {
		return errors.New("no name")
	}
	return <-done
}

// Job.Run is called only through an interface: how often is unknown, and unknown is silent.
type Job struct{ address string }

func NewJob(address string) *Job { return &Job{address: address} }

func (j *Job) Run() error {
	done := make(chan error)
	go func() {
		done <- dial(j.address)
	}()
	if j.address == "" {
		return errors.New("no address")
	}
	return <-done
}

// unused has no caller: dead code strands nothing.
func unused(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address)
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}

// Helper is called only by the package's tests: test support, run by no program.
func Helper(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address)
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}

type Server struct{}

func NewServer() *Server { return &Server{} }

// Get has a gRPC server method's shape: the framework calls it once per request.
func (s *Server) Get(ctx context.Context, req *pb.GetRequest) (*pb.GetReply, error) {
	done := make(chan error)
	go func() {
		done <- dial(req.Name) // want "LG102: goroutine started on line 119 sends on unbuffered channel `done`; the function can return at line 126 \\(on cancellation\\)"
	}()
	select {
	case err := <-done:
		return &pb.GetReply{}, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Status is registered on a mux as a method value: it runs once per request.
func (s *Server) Status(w http.ResponseWriter, _ *http.Request) {
	s.report(w)
}

func (s *Server) report(w http.ResponseWriter) {
	done := make(chan net.Conn)
	go func() {
		conn, _ := net.Dial("tcp", "localhost:1")
		done <- conn // want "LG102: goroutine started on line 137 sends on unbuffered channel `done`"
	}()
	select {
	case conn := <-done:
		_ = conn
	case <-time.After(time.Second):
		http.Error(w, "timeout", http.StatusGatewayTimeout)
	}
}

// serveOld has a handler's shape, but it is an unexported method nothing in the package names
// (no other package can): no mux serves it, and nothing runs it.
func (s *Server) serveOld(w http.ResponseWriter, r *http.Request) {
	done := make(chan error)
	go func() {
		done <- dial(r.Host)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		return
	}
}

// poll is unexported too, but the handler below calls it: once per request.
func (s *Server) poll(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address) // want "LG102: goroutine started on line 166 sends on unbuffered channel `done`"
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}

// Poll is registered on the mux with the others.
func (s *Server) Poll(w http.ResponseWriter, r *http.Request) {
	_ = s.poll(r.URL.Query().Get("address"))
}

// PollStrict stops at the first failure, and checkOne leaks only on the paths that fail: the
// loop strands one sender at most, and main calls PollStrict once.
func PollStrict(addresses []string) error {
	for _, address := range addresses {
		if err := checkOne(address); err != nil {
			return err
		}
	}
	return nil
}

func checkOne(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address)
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}

// PollFirst stops at the first failure too, but checkFirst also leaks on a path that succeeds:
// the loop goes on after it.
func PollFirst(addresses []string) error {
	for _, address := range addresses {
		err := checkFirst(address)
		if err != nil {
			return err
		}
	}
	return nil
}

func checkFirst(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address) // want "LG102: goroutine started on line 216 sends on unbuffered channel `done`"
	}()
	if address == "-" {
		return nil
	}
	return <-done
}

// PollOrDie ends the process on the first failure, the only path on which checkTwo leaks.
func PollOrDie(addresses []string) {
	for _, address := range addresses {
		if err := checkTwo(address); err != nil {
			panic(err)
		}
	}
}

func checkTwo(address string) error {
	done := make(chan error)
	go func() {
		done <- dial(address)
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-done
}
