package main

import (
	"fmt"

	"example.com/cmath"
)

func main() {
	fmt.Printf("C in a vendored module says 6 x 7 = %d\n", cmath.Mul(6, 7))
}
