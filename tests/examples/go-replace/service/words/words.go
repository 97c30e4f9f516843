// Package words is a module nested inside service/, used through `replace example.com/words => ./words`.
package words

// Subject is who gets greeted.
const Subject = "a local replace"
