module example.com/daemonlib

go 1.21
