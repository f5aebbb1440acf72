// Command gen writes the OpenAPI document reflected from the routes table
// (go generate ./transport/httpapi).
package main

import (
	"flag"
	"log"
	"os"

	"github.com/mockroom/mockroom/transport/httpapi"
)

func main() {
	out := flag.String("out", "openapi.json", "where to write the document")
	flag.Parse()
	doc, err := httpapi.Contract()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, doc, 0o644); err != nil {
		log.Fatal(err)
	}
}
