package judge

import (
	_ "embed"
	"fmt"
	"strings"
)

// javaRuntime is the harness, Main.java but for class MrCall (javaDriver).
//
//go:embed harness/java/Main.java
var javaRuntime string

func javaType(t Type) string {
	if t.Dims > 0 {
		return javaType(t.Elem()) + "[]"
	}
	switch t.Base {
	case "int":
		return "int"
	case "long":
		return "long"
	case "double":
		return "double"
	case "bool":
		return "boolean"
	case "string":
		return "String"
	case "char":
		return "char"
	}
	return t.Base
}

// javaCast is the cast that turns the harness's Object into a parameter.
func javaCast(t Type) string {
	if t.Dims > 0 {
		return javaType(t)
	}
	switch t.Base {
	case "int":
		return "Integer"
	case "long":
		return "Long"
	case "double":
		return "Double"
	case "bool":
		return "Boolean"
	case "char":
		return "Character"
	}
	return javaType(t)
}

const javaListNode = `class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}`

const javaTreeNode = `class TreeNode {
    int val;
    TreeNode left;
    TreeNode right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
}`

func javaParams(ps []Param) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = javaType(MustType(p.Type)) + " " + p.Name
	}
	return strings.Join(out, ", ")
}

func javaReturn(ret string) string {
	if ret == Void {
		return "void"
	}
	return javaType(MustType(ret))
}

func javaStarter(s *Spec) string {
	if sig := s.Signature; sig.IsDesign() {
		var b strings.Builder
		b.WriteString(nodeComment(s, "// ", javaListNode, javaTreeNode))
		fmt.Fprintf(&b, "class %s {\n\n    public %s(%s) {\n        \n    }\n", sig.Class, sig.Class, javaParams(sig.Constructor))
		for _, m := range sig.Methods {
			fmt.Fprintf(&b, "    \n    public %s %s(%s) {\n        \n    }\n", javaReturn(m.Returns), m.Name, javaParams(m.Params))
		}
		b.WriteString("}\n")
		return b.String()
	}
	var b strings.Builder
	b.WriteString(nodeComment(s, "// ", javaListNode, javaTreeNode))
	params := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		params[i] = javaType(MustType(p.Type)) + " " + p.Name
	}
	fmt.Fprintf(&b, "class Solution {\n    public %s %s(%s) {\n        \n    }\n}\n",
		javaType(MustType(s.Signature.Returns)), s.Signature.Function, strings.Join(params, ", "))
	return b.String()
}

// javaImports go on the candidate's first line, so every line keeps its number.
const javaImports = "import java.util.*;import java.util.function.*;import java.util.stream.*;"

// javaDriver writes Main.java as the harness followed by class MrCall,
// which converts one test's input and calls the candidate's method.
// javaDesignCall is MrCall for a design problem: call converts every
// call's arguments first, then, timed, constructs the object and calls the
// methods in order, writing the results as a JSON array (a Main.Raw).
func javaDesignCall(sig Signature) string {
	var b strings.Builder
	b.WriteString("\nfinal class MrCall {\n    static final String RET = \"design\";\n\n")
	b.WriteString("    static Object call(long i, Map<String, Object> t) throws Throwable {\n")
	b.WriteString("        List<?> ops = (List<?>) t.get(\"operations\"), args = (List<?>) t.get(\"arguments\");\n")
	b.WriteString("        int n = ops.size();\n        int[] op = new int[n];\n        Object[][] a = new Object[n][];\n")
	b.WriteString("        List<?> a0 = (List<?>) args.get(0);\n")
	ctor := make([]string, len(sig.Constructor))
	for j, p := range sig.Constructor {
		fmt.Fprintf(&b, "        Object c%d = Main.in(a0.get(%d), %q);\n", j, j, p.Type)
		ctor[j] = fmt.Sprintf("(%s) c%d", javaCast(MustType(p.Type)), j)
	}
	b.WriteString("        for (int k = 1; k < n; k++) {\n            List<?> ak = (List<?>) args.get(k);\n            switch ((String) ops.get(k)) {\n")
	for m, meth := range sig.Methods {
		conv := make([]string, len(meth.Params))
		for j, p := range meth.Params {
			conv[j] = fmt.Sprintf("Main.in(ak.get(%d), %q)", j, p.Type)
		}
		fmt.Fprintf(&b, "                case %q: op[k] = %d; a[k] = new Object[]{%s}; break;\n", meth.Name, m, strings.Join(conv, ", "))
	}
	b.WriteString("                default: throw new IllegalArgumentException(\"unknown operation \" + ops.get(k));\n            }\n        }\n")
	b.WriteString("        StringBuilder b = new StringBuilder(\"[null\");\n        Main.begin(i);\n        Main.at = 0;\n")
	fmt.Fprintf(&b, "        %s obj = new %s(%s);\n", sig.Class, sig.Class, strings.Join(ctor, ", "))
	b.WriteString("        for (int k = 1; k < n; k++) {\n            Main.at = k;\n            b.append(',');\n            Object[] x = a[k];\n            switch (op[k]) {\n")
	for m, meth := range sig.Methods {
		args := make([]string, len(meth.Params))
		for j, p := range meth.Params {
			args[j] = fmt.Sprintf("(%s) x[%d]", javaCast(MustType(p.Type)), j)
		}
		call := fmt.Sprintf("obj.%s(%s)", meth.Name, strings.Join(args, ", "))
		if meth.Returns == Void {
			fmt.Fprintf(&b, "                case %d: %s; b.append(\"null\"); break;\n", m, call)
		} else {
			fmt.Fprintf(&b, "                case %d: Main.out(b, %s, %q); break;\n", m, call, meth.Returns)
		}
	}
	b.WriteString("                default: break;\n            }\n        }\n        Main.at = -1;\n        Main.end();\n        return new Main.Raw(b.append(']').toString());\n    }\n}\n")
	return b.String()
}

func javaDriver(s *Spec, code string) map[string][]byte {
	if s.Signature.IsDesign() {
		return map[string][]byte{
			"Main.java":     []byte(javaRuntime + javaDesignCall(s.Signature)),
			"Solution.java": []byte(javaImports + code + "\n"),
		}
	}
	var b strings.Builder
	b.WriteString(javaRuntime)
	fmt.Fprintf(&b, "\nfinal class MrCall {\n    static final String RET = %q;\n\n", s.Signature.Returns)
	b.WriteString("    static Object call(long i, Map<String, Object> t) throws Throwable {\n")
	fmt.Fprintf(&b, "        Object[] a = new Object[%d];\n", len(s.Signature.Params))
	args := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		fmt.Fprintf(&b, "        a[%d] = Main.in(t.get(%q), %q);\n", i, p.Name, p.Type)
		args[i] = fmt.Sprintf("(%s) a[%d]", javaCast(MustType(p.Type)), i)
	}
	fmt.Fprintf(&b, "        Solution sol = new Solution();\n        Main.begin(i);\n        Object res = sol.%s(%s);\n        Main.end();\n        return res;\n    }\n}\n",
		s.Signature.Function, strings.Join(args, ", "))
	return map[string][]byte{
		"Main.java":     []byte(b.String()),
		"Solution.java": []byte(javaImports + code + "\n"),
	}
}
