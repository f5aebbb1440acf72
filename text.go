package mockroom

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// NULInJSON reports whether any string of the JSON document raw, a key or a
// value at any depth, holds a NUL character (written \u0000), and names the
// first such field ("full_name", "target_companies[1]"). PostgreSQL cannot
// store NUL in text, and no form field needs one, so transports refuse such
// input at the door instead of failing deep inside a transaction.
func NULInJSON(raw []byte) (field string, found bool) {
	if !bytes.Contains(raw, []byte(`\u0000`)) {
		return "", false // the only way to write NUL in valid JSON
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return "", false // not JSON: the caller's decoder reports that
	}
	return nulIn(v, "")
}

func nulIn(v any, path string) (string, bool) {
	switch v := v.(type) {
	case string:
		return path, strings.IndexByte(v, 0) >= 0
	case []any:
		for i, x := range v {
			if p, ok := nulIn(x, path+"["+strconv.Itoa(i)+"]"); ok {
				return p, true
			}
		}
	case map[string]any:
		for k, x := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if strings.IndexByte(k, 0) >= 0 {
				return p, true
			}
			if p, ok := nulIn(x, p); ok {
				return p, true
			}
		}
	}
	return "", false
}
