package main

import "fmt"

func greeting() string {
	return "Hello from Go!"
}

func main() {
	fmt.Println(greeting())
}
