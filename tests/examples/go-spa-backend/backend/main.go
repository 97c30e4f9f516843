package main

import (
	"encoding/json"
	"log"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/todos", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode([]string{"write docs"})
	})
	// Serve the built React/Vite app (run `npm run build` in ../frontend first).
	mux.Handle("/", http.FileServer(http.Dir("../frontend/dist")))
	log.Println("listening on :5050")
	log.Fatal(http.ListenAndServe(":5050", mux))
}
