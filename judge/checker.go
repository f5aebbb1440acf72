package judge

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Checker decides whether got is a right answer for input, given the
// reference's expected output. All three are JSON.
type Checker func(input, expected, got json.RawMessage) bool

var (
	customMu sync.RWMutex
	custom   = map[string]Checker{}
)

// RegisterChecker registers a custom checker for the problem with this slug.
func RegisterChecker(slug string, c Checker) {
	customMu.Lock()
	defer customMu.Unlock()
	custom[slug] = c
}

// CustomChecker returns the checker registered for slug.
func CustomChecker(slug string) (Checker, bool) {
	customMu.RLock()
	defer customMu.RUnlock()
	c, ok := custom[slug]
	return c, ok
}

// CheckerFor returns the checker a spec names; custom ones are looked up by
// the problem's slug.
func CheckerFor(s *Spec, slug string) (Checker, bool) {
	switch s.Checker {
	case CheckExact, "":
		return CheckExactJSON, true
	case CheckUnordered:
		return CheckUnorderedJSON, true
	case CheckFloat:
		tol, rel := s.FloatTolerance, s.FloatMode == FloatRelative
		return func(_, want, got json.RawMessage) bool { return floatEqual(decode(want), decode(got), tol, rel) }, true
	case CheckCustom:
		return CustomChecker(slug)
	}
	return nil, false
}

func decode(raw json.RawMessage) (v any) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return errValue{}
	}
	return v
}

// errValue stands for an undecodable value; it equals nothing.
type errValue struct{}

// CheckExactJSON: the two values are equal as JSON, numbers by value.
func CheckExactJSON(_, want, got json.RawMessage) bool {
	return jsonEqual(decode(want), decode(got))
}

// CheckUnorderedJSON: the top-level arrays are equal as multisets.
func CheckUnorderedJSON(_, want, got json.RawMessage) bool {
	w, ok1 := decode(want).([]any)
	g, ok2 := decode(got).([]any)
	if !ok1 || !ok2 || len(w) != len(g) {
		return false
	}
	return sameMultiset(w, g)
}

func sameMultiset(w, g []any) bool {
	if len(w) != len(g) {
		return false
	}
	count := map[string]int{}
	for _, x := range w {
		count[canonical(x)]++
	}
	for _, x := range g {
		k := canonical(x)
		if count[k] == 0 {
			return false
		}
		count[k]--
	}
	return true
}

// canonical renders v so that values jsonEqual to each other render alike.
func canonical(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case json.Number:
			if i, err := v.Int64(); err == nil {
				b.WriteString("n" + strconv.FormatInt(i, 10))
				return
			}
			f, _ := v.Float64()
			if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				b.WriteString("n" + strconv.FormatInt(int64(f), 10))
				return
			}
			b.WriteString("f" + strconv.FormatFloat(f, 'g', -1, 64))
		case []any:
			b.WriteString("[")
			for _, x := range v {
				walk(x)
				b.WriteString(",")
			}
			b.WriteString("]")
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			b.WriteString("{")
			for _, k := range keys {
				kb, _ := json.Marshal(k)
				b.Write(kb)
				b.WriteString(":")
				walk(v[k])
				b.WriteString(",")
			}
			b.WriteString("}")
		default:
			vb, _ := json.Marshal(v)
			b.Write(vb)
		}
	}
	walk(v)
	return b.String()
}

func numEqual(a, b json.Number) bool {
	if ai, err := a.Int64(); err == nil {
		if bi, err := b.Int64(); err == nil {
			return ai == bi
		}
	}
	af, err1 := a.Float64()
	bf, err2 := b.Float64()
	return err1 == nil && err2 == nil && af == bf
}

func jsonEqual(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		b, ok := b.(json.Number)
		return ok && numEqual(a, b)
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !jsonEqual(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if !jsonEqual(v, b[k]) {
				return false
			}
		}
		return true
	case string, bool, nil:
		return a == b
	}
	return false
}

// floatEqual compares numbers within tol: absolutely, or when rel is set,
// absolutely or relatively to the expected value.
func floatEqual(want, got any, tol float64, rel bool) bool {
	switch w := want.(type) {
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return false
		}
		wf, err1 := w.Float64()
		gf, err2 := g.Float64()
		if err1 != nil || err2 != nil {
			return false
		}
		d := math.Abs(wf - gf)
		return d <= tol || (rel && d <= tol*math.Abs(wf))
	case []any:
		g, ok := got.([]any)
		if !ok || len(w) != len(g) {
			return false
		}
		for i := range w {
			if !floatEqual(w[i], g[i], tol, rel) {
				return false
			}
		}
		return true
	}
	return jsonEqual(want, got)
}

// checkGroupAnagrams accepts the groups in any order and the words of a
// group in any order.
func checkGroupAnagrams(_, want, got json.RawMessage) bool {
	norm := func(raw json.RawMessage) ([]string, bool) {
		var groups [][]string
		if err := json.Unmarshal(raw, &groups); err != nil {
			return nil, false
		}
		out := make([]string, len(groups))
		for i, g := range groups {
			g = append([]string(nil), g...)
			sort.Strings(g)
			b, _ := json.Marshal(g)
			out[i] = string(b)
		}
		sort.Strings(out)
		return out, true
	}
	w, ok1 := norm(want)
	g, ok2 := norm(got)
	if !ok1 || !ok2 || len(w) != len(g) {
		return false
	}
	for i := range w {
		if w[i] != g[i] {
			return false
		}
	}
	return true
}

func init() {
	RegisterChecker("group-anagrams", checkGroupAnagrams)
}
