package node

// A sink that must never be written to: the package closes it, so a late write panics and shows
// the bug, instead of blocking forever. Nothing receives from it on purpose.
type sink struct {
	lines chan string
}

func newSink() *sink { return &sink{lines: make(chan string)} }

func (s *sink) write(line string) {
	s.lines <- line
}

func (s *sink) seal() { close(s.lines) }
