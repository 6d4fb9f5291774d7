module example.com/lg602

go 1.22
