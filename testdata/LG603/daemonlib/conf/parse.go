package conf

import "strings"

func Parse(s string) []string { return strings.Fields(s) }
