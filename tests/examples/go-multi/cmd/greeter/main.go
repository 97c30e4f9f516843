// Command greeter greets the names it is given.
package main

import (
	"fmt"
	"os"

	"example.com/greeter/internal/names"
)

func main() {
	fmt.Println("greeter says hello to " + names.Join(os.Args[1:]))
}
