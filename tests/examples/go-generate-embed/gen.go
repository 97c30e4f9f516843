//go:build ignore

// gen renders CHANGELOG.md into site/index.html (run by `go generate`; site/ is not committed).
package main

import (
	"html"
	"log"
	"os"
	"strings"
)

func main() {
	text, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		log.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("<!doctype html>\n<title>Changelog</title>\n")
	for _, line := range strings.Split(string(text), "\n") {
		if title, ok := strings.CutPrefix(line, "## "); ok {
			b.WriteString("<h2>" + html.EscapeString(title) + "</h2>\n")
		}
	}
	if err := os.MkdirAll("site", 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("site/index.html", []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}
