package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

type Config struct {
	Port     string `json:"port"`
	Greeting string `json:"greeting"`
}

func main() {
	data, err := os.ReadFile("config.json")
	if err != nil {
		log.Fatal(err)
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(c.Greeting)) })
	log.Fatal(http.ListenAndServe(":"+c.Port, nil))
}
