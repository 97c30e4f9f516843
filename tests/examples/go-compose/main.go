// A net/http server that counts its visits in PostgreSQL through lib/pq (pure Go, vendored from Debian's
// golang-github-lib-pq-dev): compose.yaml starts the database and points DATABASE_URL at it.
package main

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"os"

	_ "github.com/lib/pq"
)

func main() {
	// sql.Open connects lazily: / answers without a database, /visits needs one.
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from Go with PostgreSQL!")
	})
	http.HandleFunc("/visits", func(w http.ResponseWriter, r *http.Request) {
		var count int
		_, err := db.Exec("CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz DEFAULT now())")
		if err == nil {
			_, err = db.Exec("INSERT INTO visits DEFAULT VALUES")
		}
		if err == nil {
			err = db.QueryRow("SELECT count(*) FROM visits").Scan(&count)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "{\"visits\": %d}\n", count)
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8090"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
