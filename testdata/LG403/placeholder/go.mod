module example.com/dns

go 1.21
