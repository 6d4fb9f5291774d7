package main

func tick() {}

// Goroutines of main live as long as the process.
func main() {
	go func() {
		for {
			tick()
		}
	}()
	select {}
}
