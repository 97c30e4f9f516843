// The worker: takes the jobs the server queues on the Redis list "jobs" (compose.yaml runs it from the app's image).
package main

import (
	"log"
	"os"

	"github.com/gomodule/redigo/redis"
)

func main() {
	conn, err := redis.DialURL(os.Getenv("REDIS_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	for {
		job, err := redis.Strings(conn.Do("BLPOP", "jobs", 0))
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("job %s", job[1])
		if _, err := conn.Do("INCR", "worked"); err != nil {
			log.Fatal(err)
		}
	}
}
