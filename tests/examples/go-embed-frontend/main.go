package main

import (
	"io/fs"
	"log"
	"net/http"

	"example.com/embedfrontend/web"
)

func main() {
	dist, err := fs.Sub(web.Dist, "dist")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	mux.Handle("/", http.FileServerFS(dist))
	log.Println("listening on :8095")
	log.Fatal(http.ListenAndServe(":8095", mux))
}
