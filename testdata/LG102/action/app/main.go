package main

import (
	"os"

	"example.com/action/cmd"
	"github.com/urfave/cli"
)

func main() {
	app := cli.NewApp()
	app.Commands = []cli.Command{cmd.ReplicaCmd(), cmd.ProbeCmd()}
	_ = cmd.InspectCmd()
	_ = cmd.StatusCmd()
	_ = app.Run(os.Args)
}
