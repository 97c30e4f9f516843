module example.com/vendored

go 1.24

require example.com/fakequote v1.2.0
