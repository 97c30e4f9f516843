module github.com/example/go-http

go 1.24
