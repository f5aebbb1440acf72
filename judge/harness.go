package judge

import (
	"strings"

	"github.com/mockroom/mockroom"
)

// Languages the judge can generate a harness for, in display order. The
// names are the sandbox's language names.
var Languages = []string{"python", "javascript", "typescript", "java", "go", "cpp"}

// SolutionFiles maps each language to its file name in a problem folder.
// Go's is solution.go.txt: a .go file there would be a broken package to
// the go command (go vet ./... and go test ./... would fail on it).
var SolutionFiles = map[string]string{
	"python":     "solution.py",
	"javascript": "solution.js",
	"typescript": "solution.ts",
	"java":       "Solution.java",
	"go":         "solution.go.txt",
	"cpp":        "solution.cpp",
}

// candidateFile is the name the candidate's code carries in diagnostics and
// traces, whatever file the harness really puts it in.
var candidateFile = map[string]string{
	"python":     "solution.py",
	"javascript": "solution.js",
	"typescript": "solution.ts",
	"java":       "Solution.java",
	"go":         "solution.go",
	"cpp":        "solution.cpp",
}

func knownLanguage(lang string) bool {
	_, ok := SolutionFiles[lang]
	return ok
}

// Starter returns the code a candidate starts from.
func Starter(s *Spec, lang string) (string, error) {
	switch lang {
	case "python":
		return pythonStarter(s), nil
	case "javascript":
		return javascriptStarter(s), nil
	case "typescript":
		return typescriptStarter(s), nil
	case "java":
		return javaStarter(s), nil
	case "go":
		return goStarter(s), nil
	case "cpp":
		return cppStarter(s), nil
	}
	return "", unsupported(lang)
}

// StarterCode returns the starter code for each of langs.
func StarterCode(s *Spec, langs []string) map[string]string {
	out := make(map[string]string, len(langs))
	for _, l := range langs {
		if code, err := Starter(s, l); err == nil {
			out[l] = code
		}
	}
	return out
}

// Driver returns the files of the program that runs code (the candidate's
// source) against the tests given on stdin. The program never sees expected
// outputs: it prints results and the judge compares them outside.
func Driver(s *Spec, lang, code string) (map[string][]byte, error) {
	code = strings.ReplaceAll(code, "\r\n", "\n")
	switch lang {
	case "python":
		return pythonDriver(s, code), nil
	case "javascript":
		return javascriptDriver(s, code), nil
	case "typescript":
		return typescriptDriver(s, code), nil
	case "java":
		return javaDriver(s, code), nil
	case "go":
		return goDriver(s, code), nil
	case "cpp":
		return cppDriver(s, code), nil
	}
	return nil, unsupported(lang)
}

func unsupported(lang string) error {
	return mockroom.Errorf(mockroom.KindInvalid, "unsupported_language", "language %q is not supported", lang)
}
