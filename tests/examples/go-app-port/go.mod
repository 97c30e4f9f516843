module example.com/appport

go 1.22
