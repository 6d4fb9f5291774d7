package pub

// Server is importable from outside the module: its users may close Quit.
type Server struct {
	Quit chan struct{}
}

func NewServer() *Server { return &Server{Quit: make(chan struct{})} }

func (s *Server) Serve() {
	<-s.Quit
}

// An embedded struct: kick is reached through outer, whose own fields do not declare it.
type inner struct{ kick chan struct{} }

type outer struct {
	inner
}

func newOuter() *outer { return &outer{inner{kick: make(chan struct{})}} }

func (i *inner) wait() { <-i.kick }

func (o *outer) poke() { o.kick <- struct{}{} }
