// Package names formats lists of names.
package names

import "strings"

// Join lists names with commas, or "everyone" when there are none.
func Join(list []string) string {
	if len(list) == 0 {
		return "everyone"
	}
	return strings.Join(list, ", ")
}
