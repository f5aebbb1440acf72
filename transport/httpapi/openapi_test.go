package httpapi_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// TestOpenAPIIsGenerated holds the published document to the routes table
// and the Go types it is reflected from.
func TestOpenAPIIsGenerated(t *testing.T) {
	want, err := httpapi.Contract()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(httpapi.OpenAPIDocument(), want) {
		t.Fatal("transport/httpapi/openapi.json is stale: run `go generate ./transport/httpapi` (then `cd web && npm run gen:api`)")
	}
}

// TestMain fails the package when a documented operation was never seen
// answering successfully in the whole suite: every route's real responses
// are then known to match the schema (apptest validates each one).
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	full := flag.Lookup("test.run").Value.String() == "" && !testing.Short()
	if code == 0 && full {
		missing, err := apptest.Uncovered()
		if err != nil {
			fmt.Fprintln(os.Stderr, "contract coverage:", err)
			code = 1
		} else if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "contract coverage: no test saw these operations succeed, so their responses were never checked against the schema: %v\n", missing)
			code = 1
		}
	}
	os.Exit(code)
}
