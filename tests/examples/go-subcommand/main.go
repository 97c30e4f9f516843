// A CLI in the style of the go command: `notes serve` starts the server, `notes migrate` migrates; with no
// subcommand it prints its usage and exits.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: notes <serve|migrate> [flags]")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "migrate":
		fmt.Println("nothing to migrate")
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ExitOnError)
		addr := fs.String("addr", ":8096", "listen address")
		fs.Parse(os.Args[2:])
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "notes: served by a subcommand") })
		log.Printf("listening on %s", *addr)
		log.Fatal(http.ListenAndServe(*addr, nil))
	default:
		usage()
	}
}
