// Command gen writes the TypeScript view of the realtime protocol.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/mockroom/mockroom/transport/realtime"
)

func main() {
	out := flag.String("out", "", "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(realtime.TypeScript()), 0o644); err != nil {
		log.Fatal(err)
	}
}
