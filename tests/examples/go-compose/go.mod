module example.com/gocompose

go 1.22

require (
	github.com/gomodule/redigo v1.8.3
	github.com/lib/pq v1.10.7
)
