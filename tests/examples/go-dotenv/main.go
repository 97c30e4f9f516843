package main

import (
	"cmp"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/joho/godotenv"
)

func main() {
	// The tutorials' way: settings in a .env (git-ignored; .env.example shows its keys), exit without it.
	err := godotenv.Load()
	if err != nil {
		log.Fatal("Error loading .env file")
	}
	greeting := cmp.Or(os.Getenv("GREETING"), "hello from the environment")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, greeting) })
	port := cmp.Or(os.Getenv("PORT"), "8099")
	log.Printf("listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
