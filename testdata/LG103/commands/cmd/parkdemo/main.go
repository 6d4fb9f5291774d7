// A command-line program of examples.
package main

import (
	"os"

	"example.com/commands/cli/bench"
	"example.com/commands/examples/park"
)

func main() {
	bench.Register(nil)
	if err := park.Run(os.Args[1:]); err != nil {
		os.Exit(1)
	}
}
