// Command service prints a report line; its module is in a subdirectory of the repo.
package main

import (
	"fmt"

	"example.com/reports/service/internal/clock"
)

func main() {
	fmt.Println("report service ready at " + clock.Epoch())
}
