// Package park is run only by the examples command: parking keeps that program alive.
package park

import "log"

func Run(args []string) error {
	go func() {
		log.Println("watching", args)
	}()
	select {}
}
