package main

import (
	"embed"
	"flag"
	"html/template"
	"io/fs"
	"log"
	"net/http"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func main() {
	addr := flag.String("addr", ":4000", "HTTP network address")
	flag.Parse()
	tmpl := template.Must(template.ParseFS(templateFS, "templates/*.html"))
	static, _ := fs.Sub(staticFS, "static")
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.FS(static))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		tmpl.ExecuteTemplate(w, "index.html", "embed")
	})
	log.Printf("starting server on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
