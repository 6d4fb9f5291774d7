module example.com/frequency

go 1.22
