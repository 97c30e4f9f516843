package main

import (
	"fmt"

	"example.com/greet"
	"example.com/words"
)

func main() {
	fmt.Println(greet.Hello(words.Subject))
}
