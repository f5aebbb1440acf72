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

func javaStarter(s *Spec) string {
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
func javaDriver(s *Spec, code string) map[string][]byte {
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
