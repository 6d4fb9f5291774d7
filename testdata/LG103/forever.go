package daemon

func start() {}

// A library function that parks its caller forever.
func Run() {
	start()
	select {} // want "LG103: `select {}` blocks this goroutine forever"
}

// A channel declared but never made.
func waitDone(work func(done chan struct{})) {
	var done chan struct{}
	go work(nil)
	<-done // want "LG103: receive from `done` blocks forever: it is a nil channel \\(declared on line 13, never assigned\\)"
}

func send(v int) {
	var out chan int
	out <- v // want "LG103: send on `out`"
}

// The send comes before any goroutine can receive.
func sendFirst(v int) int {
	ch := make(chan int)
	ch <- v // want "LG103: send on unbuffered channel `ch` blocks forever: no other goroutine has it yet"
	go func() { ch <- <-ch }()
	return <-ch
}

// The same park outside any branch, in a library function any caller may run many times.
func ParkSpelledWithAChannel() {
	doneC := make(chan struct{})
	<-doneC // want "LG103: receive from `doneC` blocks forever"
}
