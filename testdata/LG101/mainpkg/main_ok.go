package main

import "fmt"

// Made in main.main: the process ends with it.
func main() {
	lines := make(chan string)
	go func() {
		lines <- "hello"
	}()
	for l := range lines {
		fmt.Println(l)
		return
	}
}
