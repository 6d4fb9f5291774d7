// Package tasks holds the actions of a CLI: the framework runs one per process.
package tasks

import (
	"log"
	"time"

	"github.com/urfave/cli"
)

var Start = cli.Command{
	Name: "start",
	Action: func(c *cli.Context) error {
		watchResize(c.String("tty"))
		return nil
	},
}

// Run once per `ctl start`: the poller lives exactly as long as the command.
func watchResize(tty string) {
	go func() {
		for {
			time.Sleep(250 * time.Millisecond)
			log.Println("resize", tty)
		}
	}()
}

// A callback run for every job of a queue is not a command's action.
var OnJob = func(job string) {
	follow(job)
}

func follow(job string) {
	go func() { // want "LG201"
		for {
			time.Sleep(time.Second)
			log.Println("still following", job)
		}
	}()
}

// mitchellh/cli runs a Command's Run once per process.
type Command struct{}

func (c *Command) Help() string     { return "agent" }
func (c *Command) Synopsis() string { return "runs the agent" }

func (c *Command) Run(args []string) int {
	c.startDiscovery(args)
	return 0
}

func (c *Command) startDiscovery(args []string) {
	go func() {
		for {
			time.Sleep(time.Minute)
			log.Println("discovering", args)
		}
	}()
}

// A Run without Help and Synopsis is just a method anyone may call.
type Poller struct{}

func (p *Poller) Run(args []string) int {
	p.poll()
	return 0
}

func (p *Poller) poll() {
	go func() { // want "LG201"
		for {
			time.Sleep(time.Minute)
			log.Println("polling")
		}
	}()
}
