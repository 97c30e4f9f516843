module go-app

go 1.24
