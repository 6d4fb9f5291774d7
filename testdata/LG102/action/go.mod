module example.com/action

go 1.22
