package apptest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mockroom/mockroom/transport/httpapi"
)

// The contract check: every response the app sends in a test is validated
// against the published OpenAPI document (the schema of its route and
// status, or the error shape), so the document can never drift from what
// the server sends. Coverage records which operations were seen answering
// successfully; the API suite fails when a route was never exercised.

type contract struct {
	mux     *http.ServeMux // route patterns, to find which operation a request hit
	schemas map[string]*jsonschema.Schema
	errors  *jsonschema.Schema
	ops     map[string]map[string]bool // "METHOD pattern" -> documented statuses
}

var (
	contractOnce sync.Once
	theContract  *contract
	contractErr  error

	coverageMu sync.Mutex
	coverage   = map[string]bool{}
)

func loadContract() (*contract, error) {
	contractOnce.Do(func() { theContract, contractErr = newContract(httpapi.OpenAPIDocument()) })
	return theContract, contractErr
}

func newContract(raw []byte) (*contract, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	comp := jsonschema.NewCompiler()
	const loc = "mem://openapi.json"
	if err := comp.AddResource(loc, doc); err != nil {
		return nil, err
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]json.RawMessage `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, err
	}
	c := &contract{mux: http.NewServeMux(), schemas: map[string]*jsonschema.Schema{}, ops: map[string]map[string]bool{}}
	if c.errors, err = comp.Compile(loc + "#/components/schemas/ErrorBody"); err != nil {
		return nil, err
	}
	esc := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1") }
	for path, methods := range spec.Paths {
		for method, op := range methods {
			key := strings.ToUpper(method) + " " + path
			c.mux.HandleFunc(key, func(http.ResponseWriter, *http.Request) {})
			c.ops[key] = map[string]bool{}
			for status, resp := range op.Responses {
				c.ops[key][status] = true
				if _, ok := resp.Content["application/json"]; !ok {
					continue
				}
				ptr := fmt.Sprintf("%s#/paths/%s/%s/responses/%s/content/application~1json/schema", loc, esc(path), method, status)
				s, err := comp.Compile(ptr)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %w", key, status, err)
				}
				c.schemas[key+" "+status] = s
			}
		}
	}
	return c, nil
}

// check validates one response; it returns the operation's key.
func (c *contract) check(r *http.Request, status int, header http.Header, body []byte) (string, error) {
	if (status == http.StatusMovedPermanently || status == http.StatusTemporaryRedirect || status == http.StatusPermanentRedirect) &&
		header.Get("Location") != "" && path.Clean(r.URL.Path) != r.URL.Path {
		return "", nil // ServeMux cleaning a path with "..", "." or "//": not a route's answer
	}
	_, pattern := c.mux.Handler(r)
	if pattern == "" {
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			return "", nil // not an API route: the SPA, or a wrong method
		}
		return "", fmt.Errorf("%s %s answered %d but is not in the OpenAPI document", r.Method, r.URL.Path, status)
	}
	st := strconv.Itoa(status)
	if status >= 400 {
		if err := validateJSON(c.errors, body); err != nil {
			return pattern, fmt.Errorf("%s answered %d with a body that is not the error shape: %v: %s", pattern, status, err, clip(body))
		}
		return pattern, nil
	}
	if !c.ops[pattern][st] {
		return pattern, fmt.Errorf("%s answered %d, which the OpenAPI document does not list", pattern, status)
	}
	s := c.schemas[pattern+" "+st]
	if s == nil {
		return pattern, nil
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return pattern, fmt.Errorf("%s answered %d with Content-Type %q, want application/json", pattern, status, ct)
	}
	if err := validateJSON(s, body); err != nil {
		return pattern, fmt.Errorf("%s answered %d with a body that breaks its schema: %v\nbody: %s", pattern, status, err, clip(body))
	}
	return pattern, nil
}

func validateJSON(s *jsonschema.Schema, body []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(v)
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// ContractCoverage lists the documented operations and whether a test has
// seen each answer with a success status.
func ContractCoverage() (map[string]bool, error) {
	c, err := loadContract()
	if err != nil {
		return nil, err
	}
	coverageMu.Lock()
	defer coverageMu.Unlock()
	out := map[string]bool{}
	for op := range c.ops {
		out[op] = coverage[op]
	}
	return out, nil
}

// Uncovered is the sorted list of operations no test saw succeed.
func Uncovered() ([]string, error) {
	cov, err := ContractCoverage()
	if err != nil {
		return nil, err
	}
	var out []string
	for op, ok := range cov {
		// The WebSocket's success is the upgrade; its frames have their own
		// contract (transport/realtime/protocol.go) and tests.
		if !ok && op != "GET /ws" {
			out = append(out, op)
		}
	}
	sort.Strings(out)
	return out, nil
}

// checkContract wraps h: each answer is validated, a breach fails the test.
func checkContract(fail func(string, ...any), h http.Handler) http.Handler {
	c, err := loadContract()
	if err != nil {
		panic("apptest: the OpenAPI document does not load: " + err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ws" {
			h.ServeHTTP(w, r) // a WebSocket upgrade: frames are the realtime protocol's business
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		op, err := c.check(r, rec.status, rec.Header(), rec.body.Bytes())
		if err != nil {
			fail("contract: %v", err)
			return
		}
		if op != "" && rec.status < 400 {
			coverageMu.Lock()
			coverage[op] = true
			coverageMu.Unlock()
		}
	})
}

// recorder passes the response through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	if r.body.Len() < 4<<20 {
		r.body.Write(b)
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(r.ResponseWriter).Hijack()
}
