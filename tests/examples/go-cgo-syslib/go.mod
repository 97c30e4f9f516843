module example.com/cgo-syslib

go 1.22
