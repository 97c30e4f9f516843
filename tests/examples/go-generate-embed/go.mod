module github.com/acme/changelog

go 1.22
