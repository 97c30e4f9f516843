package main

import (
	"log"
	"net/http"
	"os"
	"time"

	"github.com/example/svc/internal/handler"
)

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8087"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", handler.Hello)
	srv := &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("listening on %s", addr)
	log.Fatal(srv.ListenAndServe())
}
