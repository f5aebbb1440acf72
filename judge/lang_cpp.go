package judge

import (
	_ "embed"
	"fmt"
	"strings"
)

// cppRuntime is the harness: main.cpp is its head, the candidate's code, its
// tail and mr_call (cppDriver).
//
//go:embed harness/cpp/runtime.cpp
var cppRuntime string

var cppHead, cppTail = splitRuntime(cppRuntime)

func cppType(t Type) string {
	if t.Dims > 0 {
		return "vector<" + cppType(t.Elem()) + ">"
	}
	switch t.Base {
	case "int":
		return "int"
	case "long":
		return "long long"
	case "double":
		return "double"
	case "bool":
		return "bool"
	case "string":
		return "string"
	case "char":
		return "char"
	}
	return t.Base + "*"
}

// cppParam passes vectors by reference, as LeetCode does.
func cppParam(t Type) string {
	if t.Dims > 0 {
		return cppType(t) + "&"
	}
	return cppType(t)
}

const cppListNode = `struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};`

const cppTreeNode = `struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};`

func cppStarter(s *Spec) string {
	var b strings.Builder
	b.WriteString(nodeComment(s, "// ", cppListNode, cppTreeNode))
	params := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		params[i] = cppParam(MustType(p.Type)) + " " + p.Name
	}
	fmt.Fprintf(&b, "class Solution {\npublic:\n    %s %s(%s) {\n        \n    }\n};\n",
		cppType(MustType(s.Signature.Returns)), s.Signature.Function, strings.Join(params, ", "))
	return b.String()
}

func cppDriver(s *Spec, code string) map[string][]byte {
	var call strings.Builder
	args := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		fmt.Fprintf(&call, "    %s p%d{}; mr_from(mr_get(in, %q), p%d);\n", cppType(MustType(p.Type)), i, p.Name, i)
		args[i] = fmt.Sprintf("p%d", i)
	}
	fmt.Fprintf(&call, "    mr_begin(i);\n    auto res = mr_sol.%s(%s);\n    mr_end();\n    string o; mr_to(o, res); return o;\n", s.Signature.Function, strings.Join(args, ", "))
	src := cppHead + "#line 1 \"solution.cpp\"\n" + code + "\n#line 1 \"harness.cpp\"\n" + cppTail +
		"\nstatic Solution mr_sol;\nstatic string mr_call(long i, const mrj::V& in) {\n" + call.String() + "}\n"
	return map[string][]byte{"main.cpp": []byte(src)}
}
