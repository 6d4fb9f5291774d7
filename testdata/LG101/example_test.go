package pipeline

import "fmt"

// A documentation example: no `// Output:` comment, so `go test` never runs it.
func ExampleSum() {
	results := make(chan int)
	go func() {
		results <- work(1)
	}()
	for r := range results {
		fmt.Println(r)
	}
}

// With an output to compare, go test runs it: the range never ends and the test hangs.
func ExampleSum_run() {
	results := make(chan int)
	go func() {
		results <- work(1)
	}()
	for r := range results { // want "LG101"
		fmt.Println(r)
	}
	// Output: 2
}
