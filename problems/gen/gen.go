// Package gen holds each problem's seeded test generator: the hidden tests
// it adds to tests.json (`mockroom problems generate`), the constraints every
// test must meet, and the inputs of growing size the efficiency probe times a
// candidate's accepted solution on. One file per problem, named after its
// slug, registers it from init.
//
// Generators use math/rand (v1) sources: their sequences for a seed are
// fixed by the Go 1 compatibility promise, so a generator's output never
// changes with the toolchain and verify can hold it to tests.json.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand"
	"sort"
	"sync"
)

// Generator is one problem's generator.
type Generator struct {
	// Tests returns the generated hidden tests, drawing only from r (seeded
	// from the slug), so the same tests come out every time.
	Tests func(r *rand.Rand) []Case
	// Valid reports how an input breaks the statement's constraints (nil
	// when it meets them). Verify runs it on every test, hand-written and
	// generated, and on every probe input. Build it with Check.
	Valid func(input json.RawMessage) error
	// Sizes are the growing input sizes n the probe times a solution at,
	// smallest first, up to what the optimal solution handles well inside
	// the time limits (the probe stops a solution at its first size over
	// the per-call budget).
	Sizes []int
	// Scale returns one input of size n for the probe: a typical input, or
	// the worst case of the slow approaches when one is known.
	Scale func(r *rand.Rand, n int) any
	// Class is the optimal solution's growth in the probe's n: one of
	// Classes ("n", "n log n", ...).
	Class string
}

// Case is one generated test. Input is the parameters object: a struct with
// json tags or a map; it is marshalled with encoding/json.
type Case struct {
	Name  string
	Input any
	Large bool
}

// Classes are the growth classes a probe fits, slowest-growing first.
var Classes = []string{"1", "log n", "n", "n log n", "n^2", "n^3", "2^n"}

var (
	mu       sync.RWMutex
	registry = map[string]Generator{}
)

// Register adds slug's generator; it panics on a duplicate or on a bad
// class, so a mistake shows at start.
func Register(slug string, g Generator) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[slug]; dup {
		panic("gen: " + slug + " registered twice")
	}
	if g.Tests == nil || g.Valid == nil {
		panic("gen: " + slug + ": Tests and Valid are required")
	}
	if g.Scale != nil {
		ok := false
		for _, c := range Classes {
			ok = ok || c == g.Class
		}
		if !ok {
			panic(fmt.Sprintf("gen: %s: class %q is not one of %v", slug, g.Class, Classes))
		}
		if len(g.Sizes) < 4 || !sort.IntsAreSorted(g.Sizes) {
			panic("gen: " + slug + ": want at least 4 growing probe sizes")
		}
	}
	registry[slug] = g
}

// Lookup returns slug's generator.
func Lookup(slug string) (Generator, bool) {
	mu.RLock()
	defer mu.RUnlock()
	g, ok := registry[slug]
	return g, ok
}

// Slugs lists the registered problems, sorted.
func Slugs() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(registry))
	for s := range registry {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Seed is the seed of slug's tests: a hash of the slug, so that no two
// problems share a sequence and nothing else can change it.
func Seed(slug string) int64 {
	h := fnv.New64a()
	h.Write([]byte(slug))
	return int64(h.Sum64() & (1<<63 - 1))
}

// Rand returns a source seeded for slug.
func Rand(slug string) *rand.Rand { return rand.New(rand.NewSource(Seed(slug))) }

// Generated is one generated test as it goes into tests.json.
type Generated struct {
	Name  string
	Input json.RawMessage // compact JSON
	Large bool
}

// Run draws slug's generated tests and marshals them.
func Run(slug string) ([]Generated, error) {
	g, ok := Lookup(slug)
	if !ok {
		return nil, fmt.Errorf("no generator registered for %q (add problems/gen/%s.go)", slug, fileName(slug))
	}
	cases := g.Tests(Rand(slug))
	out := make([]Generated, len(cases))
	for i, c := range cases {
		raw, err := compact(c.Input)
		if err != nil {
			return nil, fmt.Errorf("%s: generated test %d (%q): %v", slug, i+1, c.Name, err)
		}
		out[i] = Generated{Name: c.Name, Input: raw, Large: c.Large}
	}
	return out, nil
}

// ProbeInput returns the probe's input of size n for slug, seeded by the
// slug and n, so that every probe of a problem times the same inputs.
func ProbeInput(slug string, n int) (json.RawMessage, error) {
	g, ok := Lookup(slug)
	if !ok || g.Scale == nil {
		return nil, fmt.Errorf("%s: no probe inputs", slug)
	}
	r := rand.New(rand.NewSource(Seed(slug) ^ int64(n)*0x5851F42D4C957F2D))
	return compact(g.Scale(r, n))
}

func compact(v any) (json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fileName(slug string) string {
	b := []byte(slug)
	for i, c := range b {
		if c == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}

// Check builds a Valid from a typed check: the input is decoded strictly
// into T (an unknown or missing-typed field is an error), then f judges it.
func Check[T any](f func(in T) error) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		var in T
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return err
		}
		return f(in)
	}
}
