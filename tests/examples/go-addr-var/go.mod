module github.com/example/svc

go 1.22.3

toolchain go1.23.4
