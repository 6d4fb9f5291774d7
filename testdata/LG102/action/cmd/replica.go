package cmd

import (
	"errors"
	"net"

	"github.com/urfave/cli"
)

func ReplicaCmd() cli.Command {
	return cli.Command{
		Name: "replica",
		Action: func(c *cli.Context) {
			if err := startReplica(c); err != nil {
				panic(err)
			}
		},
	}
}

// The framework runs one command's action per process: what an early return strands here,
// it strands once, and the process ends with the error.
func startReplica(c *cli.Context) error {
	resp := make(chan error)
	go func() {
		ln, err := net.Listen("tcp", c.String("listen"))
		if err != nil {
			resp <- err
			return
		}
		resp <- ln.Close()
	}()
	if c.Bool("sync-agent") {
		return errors.New("no sync agent")
	}
	return <-resp
}

// ProbeAll loops, but nothing calls it, and its package is the program's own code (only the
// module's main imports it), whose exported names are no API: dead code, nothing leaks.
func ProbeAll(addresses []string) {
	for _, address := range addresses {
		_ = probe(address)
	}
}

func probe(address string) error {
	resp := make(chan error)
	go func() {
		conn, err := net.Dial("tcp", address)
		if err != nil {
			resp <- err
			return
		}
		resp <- conn.Close()
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-resp
}

// The action dials every address in a loop: each early return of dial strands one more.
func ProbeCmd() cli.Command {
	return cli.Command{
		Name: "probe",
		Action: func(c *cli.Context) {
			for _, address := range c.Args() {
				_ = dial(address)
			}
		},
	}
}

func dial(address string) error {
	resp := make(chan error)
	go func() {
		conn, err := net.Dial("tcp", address)
		if err != nil {
			resp <- err // want "LG102: goroutine started on line 77 sends on unbuffered channel `resp`"
			return
		}
		resp <- conn.Close()
	}()
	if address == "" {
		return errors.New("no address")
	}
	return <-resp
}
