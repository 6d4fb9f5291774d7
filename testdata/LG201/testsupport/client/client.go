package client

import "example.com/testsupport/internal/poller"

func Watch(refresh func()) { poller.Start(refresh) }
