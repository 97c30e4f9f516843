// Command literalfiles serves a page from a template whose path is built with filepath.Join, and reads the
// greeting from a text file through a helper: no ReadFile or ParseFiles call holds a file name itself.
package main

import (
	"html/template"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"example.com/literalfiles/internal/config"
)

const greetingFile = "greeting.txt"

var page = template.Must(template.ParseFiles(filepath.Join("web", "templates", "index.html")))

func load(name string) string {
	data, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	return strings.TrimSpace(string(data))
}

func main() {
	cfg := config.Load()
	greeting := load(greetingFile)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if err := page.Execute(w, greeting); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	log.Printf("listening on %s", cfg.Addr)
	log.Fatal(http.ListenAndServe(cfg.Addr, nil))
}
