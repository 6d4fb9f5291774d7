// Package console is wired up once per run by the tool's main: its poller lives exactly as
// long as the command.
package console

import "time"

type Console interface{ Size() (int, int) }

func HandleConsoleResize(c Console, resize func(int, int)) {
	go func() {
		for {
			time.Sleep(250 * time.Millisecond)
			resize(c.Size())
		}
	}()
}
