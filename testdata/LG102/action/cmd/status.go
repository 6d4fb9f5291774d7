package cmd

import (
	"errors"
	"net"

	"github.com/spf13/cobra"
)

// The action is a function value (`RunE: runStatus`): the framework runs it once per process,
// like a literal, and what its early return strands, it strands once.
func StatusCmd() *cobra.Command {
	return &cobra.Command{Use: "status", RunE: runStatus}
}

func runStatus(cmd *cobra.Command, args []string) error {
	reply := make(chan error)
	go func() {
		conn, err := net.Dial("tcp", args[0])
		if err != nil {
			reply <- err
			return
		}
		reply <- conn.Close()
	}()
	if len(args) > 1 {
		return errors.New("one address")
	}
	return <-reply
}
