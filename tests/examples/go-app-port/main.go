// Command appport answers on the port $APP_PORT names, as Dockerfile tutorials write it: no default in the
// code, the image's ENV APP_PORT is what makes it listen there (without it, ":" picks a random port).
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("APP_PORT")
	fmt.Println("Server is running on port", port)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "Hello from APP_PORT %s\n", port)
	})
	http.ListenAndServe(":"+port, nil)
}
