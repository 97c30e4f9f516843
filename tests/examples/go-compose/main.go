// A net/http server that counts its visits in PostgreSQL through lib/pq and its hits in Redis through redigo (both
// pure Go, vendored from Debian's golang-github-lib-pq-dev and golang-github-gomodule-redigo-dev), and queues a
// job for cmd/worker on the Redis list "jobs": compose.yaml starts both services and the worker.
package main

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/gomodule/redigo/redis"
	_ "github.com/lib/pq"
)

func main() {
	// sql.Open and the pool connect lazily: / answers without the services, /visits and /worked need them.
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	cache := &redis.Pool{Dial: func() (redis.Conn, error) { return redis.DialURL(os.Getenv("REDIS_URL")) }}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from Go with PostgreSQL and Redis!")
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
		var hits int
		if err == nil {
			conn := cache.Get()
			defer conn.Close()
			hits, err = redis.Int(conn.Do("INCR", "hits"))
			if err == nil {
				_, err = conn.Do("RPUSH", "jobs", fmt.Sprintf("{\"visit\": %d}", count)) // cmd/worker takes it
			}
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "{\"visits\": %d, \"hits\": %d}\n", count, hits)
	})
	http.HandleFunc("/worked", func(w http.ResponseWriter, r *http.Request) {
		conn := cache.Get()
		defer conn.Close()
		worked, err := redis.Bool(conn.Do("EXISTS", "worked")) // set by cmd/worker once it took a job
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "{\"worked\": %t}\n", worked)
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8090"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
