package judge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// A design problem's test input is {"operations": [...], "arguments": [...]}:
// operations[0] is the class's name (the constructor) and every later entry
// a method's name; arguments[k] is the array of operations[k]'s arguments.
// Its output is the array of results, one per operation: null for the
// constructor and for void methods.
const (
	DesignOperations = "operations"
	DesignArguments  = "arguments"
)

type designInput struct {
	Operations []string          `json:"operations"`
	Arguments  []json.RawMessage `json:"arguments"`
}

func parseDesignInput(raw json.RawMessage) (designInput, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return designInput{}, fmt.Errorf("want a JSON object with %q and %q", DesignOperations, DesignArguments)
	}
	for k := range obj {
		if k != DesignOperations && k != DesignArguments {
			return designInput{}, fmt.Errorf("unknown field %q (want only %q and %q)", k, DesignOperations, DesignArguments)
		}
	}
	var in designInput
	ops, ok := obj[DesignOperations]
	if !ok {
		return in, fmt.Errorf("missing %q", DesignOperations)
	}
	if err := json.Unmarshal(ops, &in.Operations); err != nil {
		return in, fmt.Errorf("%s: want an array of operation names", DesignOperations)
	}
	args, ok := obj[DesignArguments]
	if !ok {
		return in, fmt.Errorf("missing %q", DesignArguments)
	}
	if err := json.Unmarshal(args, &in.Arguments); err != nil {
		return in, fmt.Errorf("%s: want an array with one array of arguments per operation", DesignArguments)
	}
	return in, nil
}

// CheckDesignInput checks a design test's input against the class: the
// constructor first and only there, known methods after it, and each call's
// arguments of the declared number and types.
func CheckDesignInput(sig Signature, raw json.RawMessage) error {
	in, err := parseDesignInput(raw)
	if err != nil {
		return err
	}
	if len(in.Operations) == 0 {
		return fmt.Errorf("%s: empty; the first operation must be %q", DesignOperations, sig.Class)
	}
	if len(in.Arguments) != len(in.Operations) {
		return fmt.Errorf("%s has %d entries for %d operations", DesignArguments, len(in.Arguments), len(in.Operations))
	}
	for k, op := range in.Operations {
		var params []Param
		switch {
		case k == 0 && op != sig.Class:
			return fmt.Errorf("%s[0]: %q, want the constructor %q", DesignOperations, op, sig.Class)
		case k == 0:
			params = sig.Constructor
		case op == sig.Class:
			return fmt.Errorf("%s[%d]: the constructor %q may only come first", DesignOperations, k, op)
		default:
			m, ok := sig.Method(op)
			if !ok {
				return fmt.Errorf("%s[%d]: %q is not a method of %s (want one of %s)", DesignOperations, k, op, sig.Class, methodNames(sig))
			}
			params = m.Params
		}
		var args []json.RawMessage
		if err := json.Unmarshal(in.Arguments[k], &args); err != nil || args == nil {
			return fmt.Errorf("%s[%d]: want an array of the arguments of %s", DesignArguments, k, op)
		}
		if len(args) != len(params) {
			return fmt.Errorf("%s[%d]: %s takes %d arguments, got %d", DesignArguments, k, op, len(params), len(args))
		}
		for j, p := range params {
			if err := CheckValue(MustType(p.Type), args[j]); err != nil {
				return fmt.Errorf("%s[%d][%d] (%s of %s): %v", DesignArguments, k, j, p.Name, op, err)
			}
		}
	}
	return nil
}

// CheckDesignOutput checks a design test's expected output against its
// (valid) input: one result per operation, null for the constructor and
// void methods, a value of the method's type for the others.
func CheckDesignOutput(sig Signature, input, output json.RawMessage) error {
	in, err := parseDesignInput(input)
	if err != nil {
		return err
	}
	var outs []json.RawMessage
	if err := json.Unmarshal(output, &outs); err != nil || outs == nil {
		return fmt.Errorf("want an array with one result per operation")
	}
	if len(outs) != len(in.Operations) {
		return fmt.Errorf("%d results for %d operations", len(outs), len(in.Operations))
	}
	for k, op := range in.Operations {
		ret := Void
		if k > 0 {
			m, ok := sig.Method(op)
			if !ok {
				return fmt.Errorf("[%d]: %q is not a method", k, op)
			}
			ret = m.Returns
		}
		if ret == Void {
			if string(bytes.TrimSpace(outs[k])) != "null" {
				return fmt.Errorf("[%d]: %s returns nothing, want null", k, op)
			}
			continue
		}
		if err := CheckValue(MustType(ret), outs[k]); err != nil {
			return fmt.Errorf("[%d] (%s): %v", k, op, err)
		}
	}
	return nil
}

func methodNames(sig Signature) string {
	names := make([]string, len(sig.Methods))
	for i, m := range sig.Methods {
		names[i] = m.Name
	}
	return strings.Join(names, ", ")
}

// maxCallText bounds a call or value quoted in a message.
const maxCallText = 120

func clip(s string) string {
	if len(s) > maxCallText {
		return s[:maxCallText] + "…"
	}
	return s
}

// designCall renders operations[k] with its arguments, e.g. get(3).
func designCall(input json.RawMessage, k int) string {
	in, err := parseDesignInput(input)
	if err != nil || k < 0 || k >= len(in.Operations) {
		return fmt.Sprintf("call %d", k)
	}
	args := ""
	if k < len(in.Arguments) {
		var a []json.RawMessage
		if json.Unmarshal(in.Arguments[k], &a) == nil {
			parts := make([]string, len(a))
			for i, x := range a {
				var c bytes.Buffer
				if json.Compact(&c, x) == nil {
					parts[i] = c.String()
				} else {
					parts[i] = string(x)
				}
			}
			args = strings.Join(parts, ", ")
		}
	}
	return fmt.Sprintf("call %d: %s(%s)", k, in.Operations[k], clip(args))
}

// designMismatch explains a wrong answer to a design test: the first call
// whose result differs, e.g. "call 7: get(3) returned -1, expected 3".
// Calls are numbered as the operations array is indexed: call 0 is the
// constructor.
func designMismatch(spec *Spec, input, want, got json.RawMessage) string {
	var w, g []json.RawMessage
	if json.Unmarshal(want, &w) != nil {
		return ""
	}
	if json.Unmarshal(got, &g) != nil {
		return "the results are not an array"
	}
	equal := func(a, b json.RawMessage) bool { return CheckExactJSON(nil, a, b) }
	if spec.Checker == CheckFloat {
		tol, rel := spec.FloatTolerance, spec.FloatMode == FloatRelative
		equal = func(a, b json.RawMessage) bool { return floatEqual(decode(a), decode(b), tol, rel) }
	}
	for k := range min(len(w), len(g)) {
		if !equal(w[k], g[k]) {
			return fmt.Sprintf("%s returned %s, expected %s", designCall(input, k), clip(compact(g[k])), clip(compact(w[k])))
		}
	}
	if len(w) != len(g) {
		return fmt.Sprintf("%d results for %d calls", len(g), len(w))
	}
	return ""
}

func compact(raw json.RawMessage) string {
	var c bytes.Buffer
	if json.Compact(&c, raw) != nil {
		return string(raw)
	}
	return c.String()
}
