package judge

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// goRuntime is the harness: main.go is its head, the candidate's code, its
// tail and mr_call (goDriver). Its build constraint, there for the go
// command, goes.
//
//go:embed harness/go/runtime.go
var goRuntime string

var goHead, goTail = splitRuntime(strings.TrimPrefix(goRuntime, "//go:build ignore\n\n"))

func goType(t Type) string {
	if t.Dims > 0 {
		return "[]" + goType(t.Elem())
	}
	switch t.Base {
	case "int":
		return "int"
	case "long":
		return "int64"
	case "double":
		return "float64"
	case "bool":
		return "bool"
	case "string":
		return "string"
	case "char":
		return "byte"
	}
	return "*" + t.Base
}

// goWire is the type encoding/json decodes a value of type t into.
func goWire(t Type) string {
	if t.Dims > 0 {
		return "[]" + goWire(t.Elem())
	}
	switch t.Base {
	case "char":
		return "string"
	case "ListNode":
		return "[]int"
	case "TreeNode":
		return "[]*int"
	}
	return goType(t)
}

// goOutWire is the type a result of type t is encoded from.
func goOutWire(t Type) string {
	if t.Dims > 0 {
		return "[]" + goOutWire(t.Elem())
	}
	if t.Base == "double" {
		return "any"
	}
	return goWire(t)
}

// goConvIn returns a func expression from goWire(t) to goType(t), or "" when
// the two are the same.
func goConvIn(t Type) string {
	if t.Dims > 0 {
		e := goConvIn(t.Elem())
		if e == "" {
			return ""
		}
		return fmt.Sprintf("func(w %s) %s { return mr_map(w, %s) }", goWire(t), goType(t), e)
	}
	switch t.Base {
	case "char":
		return "mr_toChar"
	case "ListNode":
		return "mr_toList"
	case "TreeNode":
		return "mr_toTree"
	}
	return ""
}

// goConvOut returns a func expression from goType(t) to goOutWire(t). Arrays
// always go through mr_map so that a nil slice is encoded as [].
func goConvOut(t Type) string {
	if t.Dims > 0 {
		e := goConvOut(t.Elem())
		return fmt.Sprintf("func(v %s) %s { return mr_map(v, %s) }", goType(t), goOutWire(t), e)
	}
	switch t.Base {
	case "char":
		return "mr_fromChar"
	case "ListNode":
		return "mr_fromList"
	case "TreeNode":
		return "mr_fromTree"
	case "double":
		return "mr_fromDouble"
	}
	return fmt.Sprintf("func(v %s) %s { return v }", goType(t), goType(t))
}

const goListNode = "type ListNode struct {\n\tVal  int\n\tNext *ListNode\n}"

const goTreeNode = "type TreeNode struct {\n\tVal   int\n\tLeft  *TreeNode\n\tRight *TreeNode\n}"

func goStarter(s *Spec) string {
	var b strings.Builder
	b.WriteString(nodeComment(s, "// ", goListNode, goTreeNode))
	params := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		params[i] = p.Name + " " + goType(MustType(p.Type))
	}
	b.WriteString("func " + s.Signature.Function + "(" + strings.Join(params, ", ") + ") " + goType(MustType(s.Signature.Returns)) + " {\n\t\n}\n")
	return b.String()
}

var goPackageRe = regexp.MustCompile(`(?m)^\s*package\s+main\b`)

func goDriver(s *Spec, code string) map[string][]byte {
	// A candidate may keep "package main" at the top; blank it out in place
	// so that line and column numbers stay theirs.
	if loc := goPackageRe.FindStringIndex(code); loc != nil && strings.TrimSpace(stripGoComments(code[:loc[0]])) == "" {
		code = code[:loc[0]] + strings.Repeat(" ", loc[1]-loc[0]) + code[loc[1]:]
	}
	var call strings.Builder
	args := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		t := MustType(p.Type)
		fmt.Fprintf(&call, "\tvar w%d %s\n", i, goWire(t))
		fmt.Fprintf(&call, "\tif raw, ok := in[%q]; ok {\n\t\tif err := mr_json.Unmarshal(raw, &w%d); err != nil {\n\t\t\tpanic(mr_inputError{%q})\n\t\t}\n\t}\n", p.Name, i, p.Name)
		if c := goConvIn(t); c != "" {
			fmt.Fprintf(&call, "\tp%d := (%s)(w%d)\n", i, c, i)
		} else {
			fmt.Fprintf(&call, "\tp%d := w%d\n", i, i)
		}
		args[i] = "p" + strconv.Itoa(i)
	}
	rt := MustType(s.Signature.Returns)
	fmt.Fprintf(&call, "\tmr_begin(i)\n\tres := %s(%s)\n\tmr_end()\n", s.Signature.Function, strings.Join(args, ", "))
	fmt.Fprintf(&call, "\treturn (%s)(res)\n", goConvOut(rt))
	src := goHead + "//line solution.go:1:1\n" + code + "\n//line harness.go:1:1\n" + goTail +
		"\nfunc mr_call(i int, in map[string]mr_json.RawMessage) (out any) {\n" + call.String() + "}\n"
	return map[string][]byte{"main.go": []byte(src)}
}

// stripGoComments removes // and /* */ comments (good enough for the text
// before a package clause).
func stripGoComments(s string) string {
	s = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(s, "")
	return regexp.MustCompile(`//[^\n]*`).ReplaceAllString(s, "")
}
