package judge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// CheckValue reports whether raw is a valid JSON value of type t, so that a
// problem's tests are checked once at load instead of failing in a harness.
func CheckValue(t Type, raw json.RawMessage) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return checkValue(t, v, nil)
}

// valuePath is where a value sits in its parameter, built only for an
// error message: formatting it for every element made loading the library
// (some 10^6 values) several times slower.
type valuePath struct {
	up *valuePath
	i  int
}

func (p *valuePath) String() string {
	if p == nil {
		return ""
	}
	return p.up.String() + "[" + strconv.Itoa(p.i) + "]"
}

func checkValue(t Type, v any, path *valuePath) error {
	where := func() string {
		if path == nil {
			return ""
		}
		return " at " + path.String()
	}
	if t.Dims > 0 {
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("want %s%s, got %s", t, where(), describe(v))
		}
		for i, x := range arr {
			if err := checkValue(t.Elem(), x, &valuePath{path, i}); err != nil {
				return err
			}
		}
		return nil
	}
	switch t.Base {
	case "int", "long":
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("want %s%s, got %s", t, where(), describe(v))
		}
		i, err := n.Int64()
		if err != nil {
			return fmt.Errorf("want an integer%s, got %s", where(), n)
		}
		if t.Base == "int" && (i < math.MinInt32 || i > math.MaxInt32) {
			return fmt.Errorf("%d%s does not fit a 32-bit int (use long)", i, where())
		}
	case "double":
		if _, ok := v.(json.Number); !ok {
			return fmt.Errorf("want a number%s, got %s", where(), describe(v))
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("want true or false%s, got %s", where(), describe(v))
		}
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("want a string%s, got %s", where(), describe(v))
		}
	case "char":
		s, ok := v.(string)
		if !ok || len(s) != 1 || s[0] >= 0x80 {
			return fmt.Errorf("want a one-character ASCII string%s, got %s", where(), describe(v))
		}
	case "ListNode":
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("want a list as an array of values%s, got %s", where(), describe(v))
		}
		for i, x := range arr {
			if err := checkValue(Type{Base: "int"}, x, &valuePath{path, i}); err != nil {
				return err
			}
		}
	case "TreeNode":
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("want a tree as a level-order array%s, got %s", where(), describe(v))
		}
		if len(arr) > 0 && arr[0] == nil {
			return fmt.Errorf("a tree's root must not be null%s (use [] for an empty tree)", where())
		}
		// Every non-null entry after the root must have a parent slot.
		slots := 1
		for i, x := range arr {
			if slots == 0 {
				return fmt.Errorf("tree entry %d%s has no parent", i, where())
			}
			slots--
			if x == nil {
				continue
			}
			if err := checkValue(Type{Base: "int"}, x, &valuePath{path, i}); err != nil {
				return err
			}
			slots += 2
		}
	}
	return nil
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + v.String()
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
