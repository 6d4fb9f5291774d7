// Package bench holds the commands of a command-line program (cmd/parkdemo), its only importer.
package bench

import "log"

// A bench command answers each client until the user stops the program: a park per client,
// made before the setup, in a command-line program whose goroutines end with it (natscli's
// bench service, github36).
type bench struct{ clients int }

func Register(app interface{ Action(func() error) }) {
	b := &bench{clients: 2}
	app.Action(b.serve)
}

func (b *bench) serve() error {
	for i := 0; i < b.clients; i++ {
		go b.serveOne(i)
	}
	return nil
}

func (b *bench) serveOne(i int) {
	stop := make(chan struct{}, 1)
	log.Println("client", i, "ready")
	<-stop
}
