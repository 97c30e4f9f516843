package handler

import (
	"fmt"
	"net/http"
)

// Hello answers every request with a greeting.
func Hello(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "Hello from cmd/server!")
}
