// Command api prints a banner from a sibling module of the go.work workspace.
package main

import (
	"fmt"

	"example.com/shop/shared/banner"
)

func main() {
	fmt.Println(banner.Text("api"))
}
