package main

func serve() {}

// main parks forever after starting its servers: that is its job.
func main() {
	go serve()
	select {}
}
