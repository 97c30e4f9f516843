// Command flagloopback is a server whose listen address is a flag defaulting to localhost, as in the
// gorilla/websocket examples (`flag.String("addr", "localhost:8080", …)`).
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
)

var addr = flag.String("addr", "localhost:8094", "http service address")

func main() {
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from a loopback flag!")
	})
	log.Printf("listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
