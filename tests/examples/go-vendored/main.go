// Command vendored prints a quote from a third-party module that is vendored (no proxy needed).
package main

import (
	"fmt"

	"example.com/fakequote"
)

func main() {
	fmt.Println("quote: " + fakequote.Go())
}
