module example.com/service

go 1.23

require (
	example.com/greet v0.0.0
	example.com/words v0.0.0
)

replace example.com/greet => ../greet

replace example.com/words => ./words
