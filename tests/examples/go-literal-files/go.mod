module example.com/literalfiles

go 1.22
