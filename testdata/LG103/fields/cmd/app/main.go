package main

import "example.com/fields/internal/node"

func main() {
	n := node.New(nil)
	close(n.Stop)
}
