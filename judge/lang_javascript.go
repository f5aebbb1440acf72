package judge

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// jsRuntime is the harness of JavaScript and TypeScript.
//
//go:embed harness/javascript/runtime.js
var jsRuntime string

func jsType(t Type) string {
	if t.Dims > 0 {
		e := jsType(t.Elem())
		if strings.Contains(e, " ") {
			e = "(" + e + ")"
		}
		return e + "[]"
	}
	switch t.Base {
	case "int", "long", "double":
		return "number"
	case "bool":
		return "boolean"
	case "string", "char":
		return "string"
	}
	return t.Base + " | null"
}

const jsListNode = `function ListNode(val, next) {
    this.val = (val === undefined ? 0 : val);
    this.next = (next === undefined ? null : next);
}`

const jsTreeNode = `function TreeNode(val, left, right) {
    this.val = (val === undefined ? 0 : val);
    this.left = (left === undefined ? null : left);
    this.right = (right === undefined ? null : right);
}`

const tsListNode = `class ListNode {
    val: number
    next: ListNode | null
    constructor(val?: number, next?: ListNode | null) {
        this.val = (val === undefined ? 0 : val)
        this.next = (next === undefined ? null : next)
    }
}`

const tsTreeNode = `class TreeNode {
    val: number
    left: TreeNode | null
    right: TreeNode | null
    constructor(val?: number, left?: TreeNode | null, right?: TreeNode | null) {
        this.val = (val === undefined ? 0 : val)
        this.left = (left === undefined ? null : left)
        this.right = (right === undefined ? null : right)
    }
}`

func jsReturn(ret string) string {
	if ret == Void {
		return "void"
	}
	return jsType(MustType(ret))
}

func jsDesignStarter(s *Spec, ts bool) string {
	var b strings.Builder
	sig := s.Signature
	if ts {
		b.WriteString(nodeComment(s, "// ", tsListNode, tsTreeNode))
	} else {
		b.WriteString(nodeComment(s, "// ", jsListNode, jsTreeNode))
	}
	b.WriteString("class " + sig.Class + " {\n")
	method := func(name string, params []Param, ret string, first bool) {
		if !first {
			b.WriteString("\n")
		}
		names := make([]string, len(params))
		for i, p := range params {
			names[i] = p.Name
			if ts {
				names[i] += ": " + jsType(MustType(p.Type))
			}
		}
		if !ts && (len(params) > 0 || ret != "") {
			b.WriteString("    /**\n")
			for _, p := range params {
				b.WriteString("     * @param {" + jsType(MustType(p.Type)) + "} " + p.Name + "\n")
			}
			if ret != "" {
				b.WriteString("     * @return {" + jsReturn(ret) + "}\n")
			}
			b.WriteString("     */\n")
		}
		b.WriteString("    " + name + "(" + strings.Join(names, ", ") + ")")
		if ts && ret != "" {
			b.WriteString(": " + jsReturn(ret))
		}
		b.WriteString(" {\n        \n    }\n")
	}
	method("constructor", sig.Constructor, "", true)
	for _, m := range sig.Methods {
		method(m.Name, m.Params, m.Returns, false)
	}
	b.WriteString("}\n")
	return b.String()
}

func javascriptStarter(s *Spec) string {
	if s.Signature.IsDesign() {
		return jsDesignStarter(s, false)
	}
	var b strings.Builder
	b.WriteString(nodeComment(s, "// ", jsListNode, jsTreeNode))
	b.WriteString("/**\n")
	names := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		b.WriteString(" * @param {" + jsType(MustType(p.Type)) + "} " + p.Name + "\n")
		names[i] = p.Name
	}
	b.WriteString(" * @return {" + jsType(MustType(s.Signature.Returns)) + "}\n */\n")
	b.WriteString("function " + s.Signature.Function + "(" + strings.Join(names, ", ") + ") {\n    \n}\n")
	return b.String()
}

func typescriptStarter(s *Spec) string {
	if s.Signature.IsDesign() {
		return jsDesignStarter(s, true)
	}
	var b strings.Builder
	b.WriteString(nodeComment(s, "// ", tsListNode, tsTreeNode))
	params := make([]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		params[i] = p.Name + ": " + jsType(MustType(p.Type))
	}
	b.WriteString("function " + s.Signature.Function + "(" + strings.Join(params, ", ") + "): " + jsType(MustType(s.Signature.Returns)) + " {\n    \n}\n")
	return b.String()
}

func jsParams(s *Spec) string {
	params := make([][2]string, len(s.Signature.Params))
	for i, p := range s.Signature.Params {
		params[i] = [2]string{p.Name, p.Type}
	}
	ps, _ := json.Marshal(params)
	return string(ps)
}

// jsPrelude is what main.js or main.ts has before the harness: the
// problem's values and __mr_load, which returns the candidate's function.
func jsPrelude(s *Spec, file, load string) string {
	ret, _ := json.Marshal(s.Signature.Returns)
	fn, _ := json.Marshal(s.Signature.Function)
	f, _ := json.Marshal(file)
	cls, _ := json.Marshal(s.Signature.Class)
	methods, _ := json.Marshal(designTable(s.Signature))
	return fmt.Sprintf("const __mr_params = %s;\nconst __mr_ret = %s;\nconst __mr_fnName = %s;\nconst __mr_file = %s;\nconst __mr_class = %s;\nconst __mr_methods = %s;\nfunction __mr_load() { %s }\n",
		jsParams(s), ret, fn, f, cls, methods, load)
}

func javascriptDriver(s *Spec, code string) map[string][]byte {
	src, _ := json.Marshal(code)
	load := "return __mr_loadScript(" + string(src) + ", __mr_class || __mr_fnName);"
	return map[string][]byte{"main.js": []byte(jsPrelude(s, "solution.js", load) + jsRuntime)}
}

// typescriptDriver puts the candidate's code first in main.ts, so its lines
// keep their numbers, and the harness after it; the sandbox compiles the file.
// Trace frames are kept in Go by line number (see mapTrace).
func typescriptDriver(s *Spec, code string) map[string][]byte {
	fn := s.Signature.Entry()
	load := "return typeof " + fn + " === \"function\" ? " + fn + " : undefined;"
	// The harness declares ListNode and TreeNode on globalThis; TypeScript
	// code needs them as names too, so declare them for the type checker.
	src := code + "\n" + tsDecls + jsPrelude(s, "main.", load) + jsRuntime
	return map[string][]byte{"main.ts": []byte(src)}
}

const tsDecls = "declare var require: any, process: any, SharedArrayBuffer: any;\n"
