package daemon

func start() {}

// A library function that parks its caller forever: its caller calls it once and waits there
// for good (wails' mobile App.Run, github35), however many modules import it. Silent; a
// handler that parks is reported (stub/inactive).
func Run() {
	start()
	select {}
}

// A channel declared but never made.
func waitDone(work func(done chan struct{})) {
	var done chan struct{}
	go work(nil)
	<-done // want "LG103: receive from `done` blocks forever: it is a nil channel \\(declared on line 15, never assigned\\)"
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

// The same park spelled with a channel, in a library function: once per caller, silent.
func ParkSpelledWithAChannel() {
	doneC := make(chan struct{})
	<-doneC
}

// Started once per job, the park strands one goroutine per job.
func ParkEach(jobs []int) {
	for range jobs {
		go func() {
			stuck := make(chan struct{})
			<-stuck // want "LG103: receive from `stuck` blocks forever"
		}()
	}
}
