package cmd

import (
	"example.com/action/api"
	"example.com/action/internal/inspect"
	"github.com/spf13/cobra"
)

func InspectCmd() *cobra.Command {
	return &cobra.Command{
		Use: "inspect",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := inspect.Dump(args[0]); err != nil {
				return err
			}
			return api.Fetch(args[0])
		},
	}
}
