package main

import (
	"fmt"
	"log"
	"net/http"
)

var version = "dev"

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "version %s\n", version) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}
