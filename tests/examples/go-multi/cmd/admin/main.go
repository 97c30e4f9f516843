// Command admin is the second binary of this repo: a maintenance tool shipped in the same image.
package main

import (
	"fmt"

	"example.com/greeter/internal/names"
)

func main() {
	fmt.Println("admin: nothing to do for " + names.Join(nil))
}
