// Package judge runs a candidate's code against a problem's tests: it
// generates the per-language harness around the candidate's function, runs it
// once per submission in the sandbox, and checks the results outside it.
package judge

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/mockroom/mockroom"
)

// Spec is the judge's language-neutral description of a problem, stored as
// problem.Problem.Spec. It holds nothing secret.
type Spec struct {
	Signature      Signature `json:"signature"`
	Checker        string    `json:"checker,omitempty"`         // exact, unordered, float, custom
	FloatTolerance float64   `json:"float_tolerance,omitempty"` // for the float checker
	FloatMode      string    `json:"float_mode,omitempty"`      // for the float checker: absolute (default) or relative
	TimeLimitMS    int       `json:"time_limit_ms,omitempty"`   // per test, for languages without their own
	// TimeLimitsMS is a limit per language, set from the reference solution's
	// measured CPU time in it: one limit for all lets a brute force through
	// in the fast languages or fails the reference in the slow ones.
	TimeLimitsMS map[string]int `json:"time_limits_ms,omitempty"`
}

// LimitMS is the time limit per test for lang.
func (s *Spec) LimitMS(lang string) int {
	if ms, ok := s.TimeLimitsMS[lang]; ok {
		return ms
	}
	return s.TimeLimitMS
}

// Signature is what the candidate writes: one function (Function, Params,
// Returns), or for a design problem a class (Class, Constructor, Methods)
// whose methods the judge calls in the order a test's "operations" give.
type Signature struct {
	Function string  `json:"function,omitempty"`
	Params   []Param `json:"params,omitempty"`
	Returns  string  `json:"returns,omitempty"`

	Class       string   `json:"class,omitempty"`
	Constructor []Param  `json:"constructor,omitempty"`
	Methods     []Method `json:"methods,omitempty"`
}

// Method is one method of a design problem's class. Returns may be "void".
type Method struct {
	Name    string  `json:"name"`
	Params  []Param `json:"params"`
	Returns string  `json:"returns"`
}

// IsDesign reports whether the signature is a class (a design problem).
func (s Signature) IsDesign() bool { return s.Class != "" }

// Method returns the method called name.
func (s Signature) Method(name string) (Method, bool) {
	for _, m := range s.Methods {
		if m.Name == name {
			return m, true
		}
	}
	return Method{}, false
}

// Entry is the name the candidate's code must define: the function, or
// the class of a design problem.
func (s Signature) Entry() string {
	if s.IsDesign() {
		return s.Class
	}
	return s.Function
}

// Void is a design method's return type when it returns nothing; its
// result in a test's output is null.
const Void = "void"

// goMethodName is a method's name in Go: exported, as on the big judges
// (get becomes Get).
func goMethodName(name string) string { return strings.ToUpper(name[:1]) + name[1:] }

// Param is one parameter of the signature.
type Param struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Checker names.
const (
	CheckExact     = "exact"
	CheckUnordered = "unordered"
	CheckFloat     = "float"
	CheckCustom    = "custom"
)

// Float tolerance modes: what float_tolerance bounds. A statement that
// promises "within 1e-5 of the answer" is absolute; relative also accepts an
// error of tolerance × |expected| (the usual "absolute or relative error").
const (
	FloatAbsolute = "absolute"
	FloatRelative = "relative"
)

// Defaults and bounds of a spec.
const (
	DefaultTimeLimitMS    = 2000
	DefaultFloatTolerance = 1e-6
	MinTimeLimitMS        = 100
	MaxTimeLimitMS        = 10000
	MaxParams             = 8
)

// ParseSpec decodes and validates a stored spec, filling in defaults.
func ParseSpec(raw []byte) (*Spec, error) {
	var s Spec
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&s); err != nil {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "bad_spec", "spec: %v", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate checks the spec and fills in defaults. Errors name the field.
func (s *Spec) Validate() error {
	bad := func(format string, args ...any) error {
		return mockroom.Errorf(mockroom.KindInvalid, "bad_spec", format, args...)
	}
	if err := s.Signature.validate(); err != nil {
		return bad("%v", err)
	}
	switch s.Checker {
	case "":
		s.Checker = CheckExact
	case CheckExact, CheckUnordered, CheckFloat, CheckCustom:
	default:
		return bad("checker: %q is not one of exact, unordered, float, custom", s.Checker)
	}
	if s.FloatTolerance < 0 {
		return bad("float_tolerance: must not be negative")
	}
	if s.FloatTolerance == 0 {
		s.FloatTolerance = DefaultFloatTolerance
	}
	switch s.FloatMode {
	case "":
		s.FloatMode = FloatAbsolute
	case FloatAbsolute, FloatRelative:
	default:
		return bad("float_mode: %q is not absolute or relative", s.FloatMode)
	}
	if s.FloatMode == FloatRelative && s.Checker != CheckFloat {
		return bad("float_mode: relative applies only to the float checker")
	}
	if s.TimeLimitMS == 0 {
		s.TimeLimitMS = DefaultTimeLimitMS
	}
	if s.TimeLimitMS < MinTimeLimitMS || s.TimeLimitMS > MaxTimeLimitMS {
		return bad("time_limit_ms: %d is outside %d..%d", s.TimeLimitMS, MinTimeLimitMS, MaxTimeLimitMS)
	}
	for _, lang := range LanguageNames() { // in order, so the first bad one is always the one named
		ms, ok := s.TimeLimitsMS[lang]
		if ok && (ms < MinTimeLimitMS || ms > MaxTimeLimitMS) {
			return bad("time_limits_ms.%s: %d is outside %d..%d", lang, ms, MinTimeLimitMS, MaxTimeLimitMS)
		}
	}
	for lang := range s.TimeLimitsMS {
		if !knownLanguage(lang) {
			return bad("time_limits_ms: %q is not a language (want one of %s)", lang, strings.Join(LanguageNames(), ", "))
		}
	}
	return nil
}

// validate checks the signature in either of its two forms.
func (sig Signature) validate() error {
	if !sig.IsDesign() {
		if len(sig.Constructor) > 0 || len(sig.Methods) > 0 {
			return fmt.Errorf("signature: constructor and methods belong to a class: set class, and no function")
		}
		if !identRe.MatchString(sig.Function) || reserved[sig.Function] {
			return fmt.Errorf("signature.function: %q is not a usable identifier", sig.Function)
		}
		if n := len(sig.Params); n == 0 || n > MaxParams {
			return fmt.Errorf("signature.params: want 1 to %d parameters, got %d", MaxParams, n)
		}
		if err := validateParams("signature.params", sig.Params); err != nil {
			return err
		}
		if _, err := ParseType(sig.Returns); err != nil {
			return fmt.Errorf("signature.returns: %v", err)
		}
		return nil
	}
	if sig.Function != "" || len(sig.Params) > 0 || sig.Returns != "" {
		return fmt.Errorf("signature: a class (design problem) has constructor and methods, not function, params or returns")
	}
	if !identRe.MatchString(sig.Class) || reserved[sig.Class] || strings.HasPrefix(sig.Class, "mr_") {
		return fmt.Errorf("signature.class: %q is not a usable identifier", sig.Class)
	}
	if len(sig.Constructor) > MaxParams {
		return fmt.Errorf("signature.constructor: want at most %d parameters, got %d", MaxParams, len(sig.Constructor))
	}
	if err := validateParams("signature.constructor", sig.Constructor); err != nil {
		return err
	}
	if len(sig.Methods) == 0 {
		return fmt.Errorf("signature.methods: a class needs at least one method")
	}
	seen, seenGo := map[string]bool{}, map[string]bool{}
	for i, m := range sig.Methods {
		where := fmt.Sprintf("signature.methods[%d]", i)
		if !identRe.MatchString(m.Name) || reserved[m.Name] || designReserved[m.Name] || m.Name == sig.Class || strings.HasPrefix(m.Name, "mr_") {
			return fmt.Errorf("%s.name: %q is not a usable method name", where, m.Name)
		}
		if seen[m.Name] || seenGo[goMethodName(m.Name)] {
			return fmt.Errorf("%s.name: %q appears twice (Go capitalises method names)", where, m.Name)
		}
		seen[m.Name], seenGo[goMethodName(m.Name)] = true, true
		if len(m.Params) > MaxParams {
			return fmt.Errorf("%s.params: want at most %d parameters, got %d", where, MaxParams, len(m.Params))
		}
		if err := validateParams(where+".params", m.Params); err != nil {
			return err
		}
		if m.Returns != Void {
			if _, err := ParseType(m.Returns); err != nil {
				return fmt.Errorf("%s.returns: %v (or void)", where, err)
			}
		}
	}
	return nil
}

// designReserved are method names that mean something else in a class of
// one of the languages (or in the operations list: the class's own name).
var designReserved = map[string]bool{"constructor": true, "Constructor": true, "prototype": true, "toString": true,
	"hashCode": true, "equals": true, "getClass": true, "valueOf": true, "init": true}

func validateParams(where string, params []Param) error {
	seen := map[string]bool{}
	for i, p := range params {
		if !identRe.MatchString(p.Name) || reserved[p.Name] || strings.HasPrefix(p.Name, "mr_") || strings.HasPrefix(p.Name, "_") {
			return fmt.Errorf("%s[%d].name: %q is not a usable identifier", where, i, p.Name)
		}
		if seen[p.Name] {
			return fmt.Errorf("%s[%d].name: %q appears twice", where, i, p.Name)
		}
		seen[p.Name] = true
		if _, err := ParseType(p.Type); err != nil {
			return fmt.Errorf("%s[%d].type: %v", where, i, err)
		}
	}
	return nil
}

var identRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// reserved are words that are keywords (or too special) in one of the
// languages, so that no generated harness breaks on a parameter's name.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield
		case catch const debugger default delete do export extends function instanceof let new super switch this throw typeof var void arguments eval enum implements interface package private protected public static
		abstract boolean byte char double final float goto int long native short strictfp synchronized throws transient volatile null true false
		chan defer fallthrough func go map range select struct type
		auto bool extern inline register signed sizeof typedef union unsigned using virtual namespace template operator friend explicit mutable delete nullptr std vector string
		Solution ListNode TreeNode Main main List Optional`) {
		reserved[w] = true
	}
}

// Type is a parsed signature type: a base type with up to two array levels.
type Type struct {
	Base string // int, long, double, bool, string, char, ListNode, TreeNode
	Dims int    // 0, 1 or 2
}

var baseTypes = map[string]bool{"int": true, "long": true, "double": true, "bool": true, "string": true, "char": true, "ListNode": true, "TreeNode": true}

// ParseType parses a signature type such as "int[][]" or "TreeNode".
func ParseType(s string) (Type, error) {
	t := Type{Base: s}
	for strings.HasSuffix(t.Base, "[]") {
		t.Base = strings.TrimSuffix(t.Base, "[]")
		t.Dims++
	}
	if !baseTypes[t.Base] {
		return Type{}, fmt.Errorf("unknown type %q (want int, long, double, bool, string, char, ListNode, TreeNode, with up to two [])", s)
	}
	if t.Dims > 2 {
		return Type{}, fmt.Errorf("type %q has more than two array levels", s)
	}
	return t, nil
}

// MustType parses a type already validated by Spec.Validate.
func MustType(s string) Type {
	t, err := ParseType(s)
	if err != nil {
		panic(err)
	}
	return t
}

// Elem returns the element type of an array type.
func (t Type) Elem() Type { return Type{Base: t.Base, Dims: t.Dims - 1} }

func (t Type) String() string { return t.Base + strings.Repeat("[]", t.Dims) }

// IsNode reports whether the base type is a linked structure.
func (t Type) IsNode() bool { return t.Base == "ListNode" || t.Base == "TreeNode" }
