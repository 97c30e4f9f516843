// Package fakequote stands in for a third-party module (think rsc.io/quote) so that this example
// builds offline: it lives only in vendor/.
package fakequote

// Go returns a Go proverb.
func Go() string {
	return "Don't communicate by sharing memory, share memory by communicating."
}
