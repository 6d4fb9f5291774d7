package main

import (
	"fmt"

	"example.com/commands/cmd/tool/console"
)

type terminal struct{}

func (terminal) Size() (int, int) { return 80, 24 }

func main() {
	console.HandleConsoleResize(terminal{}, func(w, h int) { fmt.Println(w, h) })
	select {}
}
