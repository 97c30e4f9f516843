// Package greet is a sibling module that service/ uses through a local replace directive, not vendored.
package greet

// Hello greets who.
func Hello(who string) string {
	return "hello from " + who
}
