// Command changelog serves the release notes that gen.go renders from CHANGELOG.md into site/.
package main

//go:generate go run gen.go

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
)

//go:embed site
var site embed.FS

func main() {
	pages, err := fs.Sub(site, "site")
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/", http.FileServer(http.FS(pages)))
	log.Println("listening on :8086")
	log.Fatal(http.ListenAndServe(":8086", nil))
}
