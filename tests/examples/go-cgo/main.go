// Command cgo-add calls a tiny C function through cgo.
package main

/*
static int add(int a, int b) { return a + b; }
*/
import "C"

import "fmt"

func main() {
	fmt.Printf("C says 2 + 3 = %d\n", int(C.add(2, 3)))
}
