package gen

import (
	"encoding/json"
	"testing"
)

// TestRegistered holds every generator to its own rules: the same tests for
// the same seed, every generated test and probe input within the
// constraints. (problems verify also holds them to tests.json.)
func TestRegistered(t *testing.T) {
	for _, slug := range Slugs() {
		g, _ := Lookup(slug)
		a, err := Run(slug)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Run(slug)
		for i := range a {
			if string(a[i].Input) != string(b[i].Input) || a[i].Name != b[i].Name {
				t.Errorf("%s: generated test %d differs between two runs with the same seed", slug, i+1)
			}
			if err := g.Valid(a[i].Input); err != nil {
				t.Errorf("%s: generated test %q breaks the constraints: %v", slug, a[i].Name, err)
			}
		}
		if g.Scale == nil {
			continue
		}
		for _, n := range g.Sizes {
			in, err := ProbeInput(slug, n)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Valid(in); err != nil {
				t.Errorf("%s: probe input n=%d breaks the constraints: %v", slug, n, err)
			}
			again, _ := ProbeInput(slug, n)
			if string(in) != string(again) {
				t.Errorf("%s: probe input n=%d differs between two draws", slug, n)
			}
		}
	}
}

func TestCheckIsStrict(t *testing.T) {
	type in struct {
		N int `json:"n"`
	}
	v := Check(func(x in) error { return Range("n", x.N, 1, 3) })
	for raw, ok := range map[string]bool{`{"n":2}`: true, `{"n":4}`: false, `{"n":2,"m":1}`: false, `{"n":"x"}`: false} {
		if err := v(json.RawMessage(raw)); (err == nil) != ok {
			t.Errorf("%s: err = %v, want ok=%v", raw, err, ok)
		}
	}
}
