module github.com/example/go-port

go 1.23
