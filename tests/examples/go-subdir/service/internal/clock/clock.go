// Package clock formats times for reports.
package clock

import "time"

// Epoch is the Unix epoch in RFC 3339, a fixed string so that the output is testable.
func Epoch() string {
	return time.Unix(0, 0).UTC().Format(time.RFC3339)
}
