package main

import (
	"log"
	"net/http"

	"github.com/jdoe/go-blog/handlers"
)

func main() {
	http.HandleFunc("/", handlers.Index)
	log.Println("Listening on :3000...")
	log.Fatal(http.ListenAndServe(":3000", nil))
}
