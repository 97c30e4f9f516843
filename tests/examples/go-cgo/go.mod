module example.com/cgo-add

go 1.24
