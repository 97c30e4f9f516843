module example.com/embedfrontend

go 1.24
