package main

import "testing"

func TestRun(t *testing.T) {
	go func() { _ = Run() }()
	pass(nil)
}
