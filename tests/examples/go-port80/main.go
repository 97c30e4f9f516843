// A server hard-coded to port 80, as many tutorials write it.
package main

import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from port 80")
	})
	log.Println("listening on :80")
	log.Fatal(http.ListenAndServe(":80", nil))
}
