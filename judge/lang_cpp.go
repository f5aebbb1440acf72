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

func cppParams(ps []Param) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = cppParam(MustType(p.Type)) + " " + p.Name
	}
	return strings.Join(out, ", ")
}

func cppReturn(ret string) string {
	if ret == Void {
		return "void"
	}
	return cppType(MustType(ret))
}

func cppStarter(s *Spec) string {
	if sig := s.Signature; sig.IsDesign() {
		var b strings.Builder
		b.WriteString(nodeComment(s, "// ", cppListNode, cppTreeNode))
		fmt.Fprintf(&b, "class %s {\npublic:\n    %s(%s) {\n        \n    }\n", sig.Class, sig.Class, cppParams(sig.Constructor))
		for _, m := range sig.Methods {
			fmt.Fprintf(&b, "    \n    %s %s(%s) {\n        \n    }\n", cppReturn(m.Returns), m.Name, cppParams(m.Params))
		}
		b.WriteString("};\n")
		return b.String()
	}
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

// cppDesignCall is mr_call for a design problem: it converts every call's
// arguments first (into one vector per method and parameter), then, timed,
// constructs the object and calls the methods in order, writing each
// result into the JSON array as it comes.
func cppDesignCall(sig Signature) string {
	var b strings.Builder
	b.WriteString("    const auto& ops = mr_get(in, \"operations\").a;\n    const auto& args = mr_get(in, \"arguments\").a;\n")
	b.WriteString("    size_t n = ops.size();\n    if (n == 0 || args.size() != n) throw runtime_error(\"bad design input\");\n")
	ctor := make([]string, len(sig.Constructor))
	for j, p := range sig.Constructor {
		fmt.Fprintf(&b, "    %s c%d{}; mr_from(args[0].a.at(%d), c%d);\n", cppType(MustType(p.Type)), j, j, j)
		ctor[j] = fmt.Sprintf("c%d", j)
	}
	b.WriteString("    vector<int> op(n, -1);\n")
	for m, meth := range sig.Methods {
		for j, p := range meth.Params {
			fmt.Fprintf(&b, "    vector<%s> a%d_%d;\n", cppType(MustType(p.Type)), m, j)
		}
		fmt.Fprintf(&b, "    size_t q%d = 0;\n", m)
	}
	b.WriteString("    for (size_t k = 1; k < n; k++) {\n        const string& s = ops[k].s;\n        const auto& a = args[k].a;\n")
	for m, meth := range sig.Methods {
		fmt.Fprintf(&b, "        ")
		if m > 0 {
			b.WriteString("else ")
		}
		fmt.Fprintf(&b, "if (s == %q) {\n            op[k] = %d;\n", meth.Name, m)
		for j := range meth.Params {
			fmt.Fprintf(&b, "            a%d_%d.emplace_back(); mr_from(a.at(%d), a%d_%d.back());\n", m, j, j, m, j)
		}
		b.WriteString("        }\n")
	}
	b.WriteString("        else throw runtime_error(\"unknown operation \" + s);\n    }\n")
	b.WriteString("    string o = \"[null\";\n    mr_begin(i);\n    mr_at = 0;\n")
	fmt.Fprintf(&b, "    %s* obj = new %s(%s);\n", sig.Class, sig.Class, strings.Join(ctor, ", "))
	b.WriteString("    for (size_t k = 1; k < n; k++) {\n        mr_at = (long)k;\n        o += ',';\n        switch (op[k]) {\n")
	for m, meth := range sig.Methods {
		args := make([]string, len(meth.Params))
		for j := range meth.Params {
			args[j] = fmt.Sprintf("a%d_%d[q%d]", m, j, m)
		}
		call := fmt.Sprintf("obj->%s(%s)", meth.Name, strings.Join(args, ", "))
		if meth.Returns == Void {
			fmt.Fprintf(&b, "        case %d: %s; o += \"null\"; q%d++; break;\n", m, call, m)
		} else {
			fmt.Fprintf(&b, "        case %d: { %s r = %s; mr_to(o, r); q%d++; break; }\n", m, cppType(MustType(meth.Returns)), call, m)
		}
	}
	b.WriteString("        }\n    }\n    mr_at = -1;\n    mr_end();\n    o += ']';\n    return o;\n")
	return b.String()
}

func cppDriver(s *Spec, code string) map[string][]byte {
	if s.Signature.IsDesign() {
		src := cppHead + "#line 1 \"solution.cpp\"\n" + code + "\n#line 1 \"harness.cpp\"\n" + cppTail +
			"\nstatic string mr_call(long i, const mrj::V& in) {\n" + cppDesignCall(s.Signature) + "}\n"
		return map[string][]byte{"main.cpp": []byte(src)}
	}
	var call strings.Builder
	args := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		fmt.Fprintf(&call, "    %s p%d{}; mr_from(mr_get(in, %q), p%d);\n", cppType(MustType(p.Type)), i, p.Name, i)
		args[i] = fmt.Sprintf("p%d", i)
	}
	// A fresh Solution for every test, as on the big judges: state a
	// candidate keeps in members must not leak from one test into the next.
	// On the heap and value-initialised, as the static one was: a large
	// member array neither overflows the stack nor starts as garbage.
	fmt.Fprintf(&call, "    unique_ptr<Solution> mr_sol(new Solution());\n    mr_begin(i);\n    auto res = mr_sol->%s(%s);\n    mr_end();\n    string o; mr_to(o, res); return o;\n", s.Signature.Function, strings.Join(args, ", "))
	src := cppHead + "#line 1 \"solution.cpp\"\n" + code + "\n#line 1 \"harness.cpp\"\n" + cppTail +
		"\nstatic string mr_call(long i, const mrj::V& in) {\n" + call.String() + "}\n"
	return map[string][]byte{"main.cpp": []byte(src)}
}
