// Package tool is a command's own code (under cmd/): wired up once per run.
package tool

import "time"

type console interface{ Size() (int, int) }

// The resize poller lives exactly as long as the command.
func HandleConsoleResize(c console, resize func(int, int)) {
	go func() {
		for {
			time.Sleep(250 * time.Millisecond)
			resize(c.Size())
		}
	}()
}
