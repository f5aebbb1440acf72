package judge

import (
	_ "embed"
	"encoding/json"
	"fmt"
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

func pythonStarter(s *Spec) string {
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
	b.WriteString(pyRuntime)
	return map[string][]byte{"main.py": []byte(b.String())}
}
