package judge

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// pyRuntime is the harness: main.py is the problem's values, then this.
//
//go:embed harness/python/runtime.py
var pyRuntime string

func pyType(t Type) string {
	if t.Dims > 0 {
		return "List[" + pyType(t.Elem()) + "]"
	}
	switch t.Base {
	case "int", "long":
		return "int"
	case "double":
		return "float"
	case "bool":
		return "bool"
	case "string", "char":
		return "str"
	}
	return "Optional[" + t.Base + "]"
}

func pyParams(params []Param) string {
	var b strings.Builder
	for _, p := range params {
		b.WriteString(", " + p.Name + ": " + pyType(MustType(p.Type)))
	}
	return b.String()
}

func pyReturn(ret string) string {
	if ret == Void {
		return "None"
	}
	return pyType(MustType(ret))
}

func pythonStarter(s *Spec) string {
	if s.Signature.IsDesign() {
		var b strings.Builder
		b.WriteString(nodeComment(s, "# ", pyListNode, pyTreeNode))
		sig := s.Signature
		b.WriteString("class " + sig.Class + ":\n\n    def __init__(self" + pyParams(sig.Constructor) + "):\n        pass\n")
		for _, m := range sig.Methods {
			b.WriteString("\n    def " + m.Name + "(self" + pyParams(m.Params) + ") -> " + pyReturn(m.Returns) + ":\n        pass\n")
		}
		return b.String()
	}
	var b strings.Builder
	b.WriteString(nodeComment(s, "# ", pyListNode, pyTreeNode))
	b.WriteString("class Solution:\n    def " + s.Signature.Function + "(self")
	for _, p := range s.Signature.Params {
		b.WriteString(", " + p.Name + ": " + pyType(MustType(p.Type)))
	}
	b.WriteString(") -> " + pyType(MustType(s.Signature.Returns)) + ":\n        pass\n")
	return b.String()
}

const pyListNode = `class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next`

const pyTreeNode = `class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right`

// nodeComment shows the provided node classes in a starter, commented out,
// as LeetCode does, when the signature uses them.
func nodeComment(s *Spec, prefix string, list, tree string) string {
	var b strings.Builder
	for _, def := range []struct{ base, code string }{{"ListNode", list}, {"TreeNode", tree}} {
		if !usesBase(s, def.base) {
			continue
		}
		b.WriteString(prefix + "Definition for " + def.base + " (provided):\n")
		for _, l := range strings.Split(def.code, "\n") {
			b.WriteString(prefix + l + "\n")
		}
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

func usesBase(s *Spec, base string) bool {
	if s.Signature.IsDesign() {
		uses := func(ps []Param) bool {
			return slices.ContainsFunc(ps, func(p Param) bool { return MustType(p.Type).Base == base })
		}
		if uses(s.Signature.Constructor) {
			return true
		}
		for _, m := range s.Signature.Methods {
			if uses(m.Params) || m.Returns != Void && MustType(m.Returns).Base == base {
				return true
			}
		}
		return false
	}
	if MustType(s.Signature.Returns).Base == base {
		return true
	}
	for _, p := range s.Signature.Params {
		if MustType(p.Type).Base == base {
			return true
		}
	}
	return false
}

// designTable maps each operation of a design signature to its parameters
// ([name, type] pairs) and return type, the constructor under the class's
// name with return type void; empty for a function signature.
func designTable(sig Signature) map[string][2]any {
	out := map[string][2]any{}
	if !sig.IsDesign() {
		return out
	}
	pairs := func(ps []Param) [][2]string {
		out := make([][2]string, len(ps))
		for i, p := range ps {
			out[i] = [2]string{p.Name, p.Type}
		}
		return out
	}
	out[sig.Class] = [2]any{pairs(sig.Constructor), Void}
	for _, m := range sig.Methods {
		out[m.Name] = [2]any{pairs(m.Params), m.Returns}
	}
	return out
}

func pythonDriver(s *Spec, code string) map[string][]byte {
	params := make([][2]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		params[i] = [2]string{p.Name, p.Type}
	}
	src, _ := json.Marshal(code)
	ps, _ := json.Marshal(params)
	fn, _ := json.Marshal(s.Signature.Function)
	ret, _ := json.Marshal(s.Signature.Returns)
	var b strings.Builder
	fmt.Fprintf(&b, "_MR_SRC = %s\n_MR_FN = %s\n_MR_PARAMS = %s\n_MR_RET = %s\n", src, fn, ps, ret)
	// A design problem: _MR_CLASS names the class, _MR_METHODS maps each
	// operation (the class's name for its constructor) to its parameters
	// and return type.
	cls, _ := json.Marshal(s.Signature.Class)
	methods, _ := json.Marshal(designTable(s.Signature))
	fmt.Fprintf(&b, "_MR_CLASS = %s\n_MR_METHODS = %s\n", cls, methods)
	b.WriteString(pyRuntime)
	return map[string][]byte{"main.py": []byte(b.String())}
}
