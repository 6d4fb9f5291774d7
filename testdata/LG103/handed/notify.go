package handed

// run closes every channel of its variadic slice once it is running: ranging over the slice
// receives nothing.
func startNotified() {
	ready := make(chan struct{})
	go runNotifying(ready)
	<-ready
}

func runNotifying(notify ...chan<- struct{}) {
	for _, ch := range notify {
		close(ch)
	}
}
