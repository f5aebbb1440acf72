package httpapi_test

import (
	"bytes"
	"encoding/json"
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

// TestEnumsMatchTheirTypes walks the document: every enum value must be of
// the type its schema declares. An `enum:"30,45,60"` tag on an int field was
// reflected as the strings "30", "45", "60", which no integer request could
// match and which the generated TypeScript turned into string literals.
func TestEnumsMatchTheirTypes(t *testing.T) {
	var doc any
	if err := json.Unmarshal(httpapi.OpenAPIDocument(), &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case map[string]any:
			if enum, ok := v["enum"].([]any); ok {
				types := map[string]bool{}
				switch ty := v["type"].(type) {
				case string:
					types[ty] = true
				case []any:
					for _, x := range ty {
						types[fmt.Sprint(x)] = true
					}
				}
				for _, e := range enum {
					checked++
					var ok bool
					switch e := e.(type) {
					case nil:
						ok = types["null"]
					case string:
						ok = types["string"]
					case bool:
						ok = types["boolean"]
					case float64:
						ok = types["number"] || types["integer"] && e == float64(int64(e))
					}
					if !ok && len(types) > 0 {
						t.Errorf("%s: enum value %#v is not of type %v", path, e, v["type"])
					}
				}
			}
			for k, e := range v {
				walk(path+"/"+k, e)
			}
		}
	}
	walk("#", doc)
	if checked == 0 {
		t.Fatal("the document has no enums")
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
