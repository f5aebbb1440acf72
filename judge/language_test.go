package judge

import (
	"strings"
	"testing"

	"github.com/mockroom/mockroom/sandbox"
)

// TestRegistry holds what every language entry needs: a sandbox recipe of
// the same name, its own solution file name, and each generator.
func TestRegistry(t *testing.T) {
	files := map[string]string{}
	for _, l := range Languages() {
		if !l.sandboxLanguage().Valid() {
			t.Errorf("%s: the sandbox has no recipe by that name (have %v)", l.Name, sandbox.AllLanguages())
		}
		if other, dup := files[l.SolutionFile]; dup || l.SolutionFile == "" {
			t.Errorf("%s: solution file %q is empty or also %s's", l.Name, l.SolutionFile, other)
		}
		files[l.SolutionFile] = l.Name
		if l.starter == nil || l.driver == nil || l.startup <= 0 {
			t.Errorf("%s: a starter, a driver and a start-up time are required", l.Name)
		}
		if got, ok := LookupLanguage(l.Name); !ok || got.Name != l.Name {
			t.Errorf("LookupLanguage(%q) = %q, %v", l.Name, got.Name, ok)
		}
	}
	if _, ok := LookupLanguage("rust"); ok {
		t.Error("LookupLanguage found a language that is not registered")
	}
	if _, err := Starter(&Spec{}, "rust"); err == nil {
		t.Error("Starter of an unknown language: no error")
	}
}

// TestStarterNodesMatchTheRuntimes keeps the node classes a starter shows
// (commented out) the same as the ones the runtime really provides.
func TestStarterNodesMatchTheRuntimes(t *testing.T) {
	for _, c := range []struct {
		lang, runtime string
		nodes         []string
	}{
		{"python", pyRuntime, []string{pyListNode, pyTreeNode}},
		{"java", javaRuntime, []string{javaListNode, javaTreeNode}},
		{"go", goRuntime, []string{goListNode, goTreeNode}},
		{"cpp", cppRuntime, []string{cppListNode, cppTreeNode}},
	} {
		for _, n := range c.nodes {
			if !strings.Contains(c.runtime, n) {
				t.Errorf("%s: the starter's node definition is not in the runtime:\n%s", c.lang, n)
			}
		}
	}
}
