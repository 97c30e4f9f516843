module example.com/reports/service

go 1.24
