// Package pricetable is what the chat-model and speech-model price tables
// share: a lookup by a model's name or its longest listed prefix, and the
// "model=input/output,..." form operators write them in.
package pricetable

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Lookup finds model in m: an exact name first, then the longest prefix
// ("gpt-4o-2024-08-06" is priced as "gpt-4o").
func Lookup[V any](m map[string]V, model string) (V, bool) {
	if v, ok := m[model]; ok {
		return v, true
	}
	best, found := "", false
	for k := range m {
		if strings.HasPrefix(model, k) && len(k) > len(best) {
			best, found = k, true
		}
	}
	return m[best], found
}

// Parse reads "model=input/output,..." into each model's two prices.
// unit names them in the error, e.g. "dollars per million tokens".
func Parse(s, unit string) (map[string][2]float64, error) {
	out := map[string][2]float64{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		model, rest, ok := strings.Cut(item, "=")
		in, o, ok2 := strings.Cut(rest, "/")
		if !ok || !ok2 || strings.TrimSpace(model) == "" {
			return nil, fmt.Errorf("%q is not model=input/output", item)
		}
		pi, err1 := strconv.ParseFloat(strings.TrimSpace(in), 64)
		po, err2 := strconv.ParseFloat(strings.TrimSpace(o), 64)
		if err1 != nil || err2 != nil || !(pi >= 0) || !(po >= 0) || math.IsInf(pi, 0) || math.IsInf(po, 0) {
			return nil, fmt.Errorf("%q: prices must be non-negative numbers of %s", item, unit)
		}
		out[strings.TrimSpace(model)] = [2]float64{pi, po}
	}
	return out, nil
}
