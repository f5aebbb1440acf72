package toolchain

import (
	"path"
	"sort"
	"strings"

	"github.com/mockroom/mockroom/sandbox"
)

// baseEnv is the whole environment of every sandboxed process: nothing of the
// host's leaks in.
var baseEnv = []string{
	"PATH=/usr/local/bin:/usr/bin:/bin",
	"HOME=" + WorkDir,
	"TMPDIR=/tmp",
	"LANG=C.UTF-8",
}

// javaFlags start the JVM fast (the seed's 5 s budget is tight for a JVM):
// serial GC, C1 only, the class-data archive, a deep stack for recursive
// solutions, and a heap sized to the cgroup so that a heap bomb is an
// OutOfMemoryError we can report as memory_limit rather than an OOM kill.
var javaFlags = []string{"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xss64m",
	"-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-XX:ActiveProcessorCount=1"}

// nodeFlags give JavaScript and TypeScript the recursion headroom the other
// languages have (Python 10^6 frames, Java -Xss64m, C++ and Go bounded by
// memory): Node's default ~1 MB stack stops near 11,000 frames, below a
// recursive reversal of a 10^5-node list. V8 trusts the number, so the
// real stack must be larger: every run's RLIMIT_STACK is its memory limit
// (local and remote), and 64 MB is far below any usable memory limit.
var nodeFlags = []string{"--stack-size=65500"}

// NodeFlags returns the flags every sandboxed Node run starts with.
func NodeFlags() []string { return append([]string(nil), nodeFlags...) }

// spec says how one language is checked, compiled and run.
type spec struct {
	entry    string   // the file that must exist
	exts     []string // extensions that take part in compilation
	needs    []string // sandbox paths that must exist for the language to be available
	compile  func(srcs []string) []string
	cacheOut []string // compiled artifacts; nil keeps the sources as the artifact
	run      []string
	env      []string
	// heapExhausted is what the runtime prints on stderr when its heap
	// limit, not the cgroup, stopped the run: memory_limit, not a crash.
	heapExhausted string
}

var specs = map[sandbox.Language]spec{
	sandbox.Python: {
		entry: "main.py", exts: []string{".py"}, needs: []string{Python3},
		// py_compile surfaces syntax errors with file and line before any run.
		compile:       func(srcs []string) []string { return append([]string{Python3, "-m", "py_compile"}, srcs...) },
		run:           []string{Python3, "main.py"},
		env:           []string{"PYTHONDONTWRITEBYTECODE=1", "PYTHONIOENCODING=utf-8"},
		heapExhausted: "\nMemoryError",
	},
	sandbox.JavaScript: {
		entry: "main.js", exts: []string{".js"}, needs: []string{Node},
		compile:       func(srcs []string) []string { return []string{Node, "--check", "main.js"} },
		run:           append(append([]string{Node}, nodeFlags...), "main.js"),
		heapExhausted: "JavaScript heap out of memory",
	},
	sandbox.TypeScript: {
		entry: "main.ts", exts: []string{".ts"}, needs: []string{Node, EsbuildPath},
		// esbuild strips types and bundles local imports into one file; it
		// does not type-check (tsc costs ~0.7 s a compile).
		compile: func(srcs []string) []string {
			return []string{EsbuildPath, "main.ts", "--bundle", "--platform=node", "--format=cjs",
				"--outfile=out.js", "--log-level=error", "--color=false"}
		},
		cacheOut:      []string{"out.js"},
		run:           append(append([]string{Node}, nodeFlags...), "out.js"),
		heapExhausted: "JavaScript heap out of memory",
	},
	sandbox.Java: {
		entry: "Main.java", exts: []string{".java"}, needs: []string{Java, Javac, Shell, "/usr/bin/tar"},
		// javac writes an unknown set of class files (inner classes), so they
		// travel as one tar archive.
		compile: func(srcs []string) []string {
			script := Javac + " -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -J-Xshare:auto -encoding UTF-8 -nowarn -d classes \"$@\"" +
				" && tar -C classes -cf classes.tar ."
			return append([]string{Shell, "-c", script, "javac"}, srcs...)
		},
		cacheOut:      []string{"classes.tar"},
		run:           []string{Shell, "-c", "tar -xf classes.tar && exec " + Java + " " + strings.Join(javaFlags, " ") + " -cp . Main"},
		heapExhausted: "java.lang.OutOfMemoryError",
	},
	sandbox.Go: {
		entry: "main.go", exts: []string{".go"}, needs: []string{goTool + "/compile", goTool + "/link", GoStdDir + "/importcfg", Shell},
		// compile and link straight against the read-only pre-built standard
		// library: ~0.35 s instead of a cold `go build` (>10 s).
		compile: func(srcs []string) []string {
			script := goTool + "/compile -p main -complete -importcfg " + GoStdDir + "/importcfg -trimpath=" + WorkDir + " -o main.a \"$@\"" +
				" && " + goTool + "/link -importcfg " + GoStdDir + "/importcfg -s -w -o main main.a"
			return append([]string{Shell, "-c", script, "gocompile"}, srcs...)
		},
		cacheOut: []string{"main"},
		run:      []string{WorkDir + "/main"},
		env:      []string{"GOMAXPROCS=2"},
	},
	sandbox.Cpp: {
		entry: "main.cpp", exts: []string{".cpp", ".cc", ".h", ".hpp"}, needs: []string{Gxx},
		// -I CxxPCHDir picks up the precompiled <bits/stdc++.h> when it is
		// there and valid for these flags (see PrepareCxxPCH); otherwise
		// GCC ignores the directory and compiles the header.
		compile: func(srcs []string) []string {
			args := append(append([]string{Gxx}, cxxFlags...), "-I", CxxPCHDir, "-o", "main")
			for _, s := range srcs {
				if e := path.Ext(s); e == ".cpp" || e == ".cc" {
					args = append(args, s)
				}
			}
			return args
		},
		cacheOut: []string{"main"},
		run:      []string{WorkDir + "/main"},
	},
}

// CompileArgs returns the command that compiles lang from files (names in
// the work dir), or nil for a language without a compile step. Tests use it
// to run the exact compile with extra diagnostics.
func CompileArgs(lang sandbox.Language, files []string) []string {
	sp, ok := specs[lang]
	if !ok || sp.compile == nil {
		return nil
	}
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f] = nil
	}
	return sp.compile(sp.sources(m))
}

// Needs lists the sandbox paths that lang requires.
func Needs(lang sandbox.Language) []string { return specs[lang].needs }

// sources returns the sorted names of p's files that take part in compiling.
func (s spec) sources(files map[string][]byte) []string {
	var out []string
	for name := range files {
		for _, e := range s.exts {
			if strings.HasSuffix(name, e) {
				out = append(out, name)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}
