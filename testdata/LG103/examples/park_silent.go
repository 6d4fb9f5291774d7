package examples

// An example program parks to show its callbacks at work: it demonstrates, it is not the
// service.
func Run() {
	done := make(chan struct{})
	go func() {}()
	<-done
}

func Serve() {
	select {}
}
