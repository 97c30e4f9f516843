// Package cmath multiplies in C: a dependency that needs cgo, as go-sqlite3 or a librdkafka binding do.
package cmath

/*
static int mul(int a, int b) { return a * b; }
*/
import "C"

// Mul returns a*b, computed by C.
func Mul(a, b int) int { return int(C.mul(C.int(a), C.int(b))) }
