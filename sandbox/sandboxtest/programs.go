package sandboxtest

import (
	"strings"

	"github.com/mockroom/mockroom/sandbox"
)

// Source helpers: the boilerplate around a body.

func java(body string) string {
	return "import java.util.*;\nimport java.io.*;\nimport java.net.*;\nimport java.nio.file.*;\n" +
		"public class Main {\n  public static void main(String[] args) throws Exception {\n" + body + "\n  }\n}\n"
}

func golang(imports, body string) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	for _, i := range strings.Fields(imports) {
		b.WriteString("\t\"" + i + "\"\n")
	}
	b.WriteString(")\n\nfunc main() {\n" + body + "\n}\n")
	return b.String()
}

func cpp(body string) string {
	return "#include <bits/stdc++.h>\n#include <unistd.h>\n#include <signal.h>\n#include <fcntl.h>\n#include <errno.h>\n" +
		"#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n#include <sys/wait.h>\n" +
		"using namespace std;\nint main() {\n" + body + "\n}\n"
}

var hello = map[sandbox.Language]string{
	sandbox.Python:     "print('hello')\n",
	sandbox.JavaScript: "console.log('hello')\n",
	sandbox.TypeScript: "const greet = (s: string): string => s;\nconsole.log(greet('hello'));\n",
	sandbox.Java:       java(`System.out.println("hello");`),
	sandbox.Go:         golang("fmt", `fmt.Println("hello")`),
	sandbox.Cpp:        cpp(`cout << "hello" << endl;`),
}

var echo = map[sandbox.Language]string{
	sandbox.Python:     "import sys\nsys.stdout.write(sys.stdin.read())\n",
	sandbox.JavaScript: "process.stdout.write(require('fs').readFileSync(0, 'utf8'))\n",
	sandbox.TypeScript: "import * as fs from 'fs';\nconst s: string = fs.readFileSync(0, 'utf8');\nprocess.stdout.write(s);\n",
	sandbox.Java:       java(`byte[] b = System.in.readAllBytes(); System.out.write(b); System.out.flush();`),
	sandbox.Go:         golang("io os", `io.Copy(os.Stdout, os.Stdin)`),
	sandbox.Cpp:        cpp(`string s((istreambuf_iterator<char>(cin)), istreambuf_iterator<char>()); cout << s;`),
}

// compileErrors: a syntax or type error on a known line, and what the
// diagnostics must name (file and line, and the column where the compiler
// gives one).
var compileErrors = map[sandbox.Language]struct{ src, want string }{
	sandbox.Python:     {"x = 1\ndef f(:\n  pass\n", "line 2"},
	sandbox.JavaScript: {"let x = 1;\nlet y = ;\n", "main.js:2"},
	sandbox.TypeScript: {"const x: number = 1;\nconst y = ;\n", "main.ts:2:10"},
	sandbox.Java:       {"public class Main {\n  public static void main(String[] a) {\n    int x = \"s\";\n  }\n}\n", "Main.java:3"},
	sandbox.Go:         {"package main\n\nfunc main() {\n\tvar x int = \"s\"\n}\n", "main.go:4:14"},
	sandbox.Cpp:        {"int main() {\n  int x = ;\n}\n", "main.cpp:2:11"},
}

// runtimeError writes "boom" to stderr and exits 3.
var runtimeError = map[sandbox.Language]string{
	sandbox.Python:     "import sys\nsys.stderr.write('boom\\n')\nsys.exit(3)\n",
	sandbox.JavaScript: "console.error('boom'); process.exit(3);\n",
	sandbox.TypeScript: "const code: number = 3;\nconsole.error('boom'); process.exit(code);\n",
	sandbox.Java:       java(`System.err.println("boom"); System.exit(3);`),
	sandbox.Go:         golang("fmt os", `fmt.Fprintln(os.Stderr, "boom"); os.Exit(3)`),
	sandbox.Cpp:        cpp(`cerr << "boom" << endl; return 3;`),
}

var segfault = map[sandbox.Language]string{
	sandbox.Cpp: cpp(`volatile int *p = nullptr; *p = 1; return 0;`),
	sandbox.Go:  golang("fmt", `var p *int; fmt.Println(*p)`),
}
