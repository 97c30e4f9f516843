module example.com/cgovendored

go 1.24

require example.com/cmath v1.0.0
