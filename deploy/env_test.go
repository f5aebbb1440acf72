package deploy

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// readmeVariables returns the variables of README.md's configuration table.
func readmeVariables(t *testing.T) map[string]bool {
	t.Helper()
	dt, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(dt), "\n## Configuration\n")
	if !ok {
		t.Fatal("README.md has no Configuration section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	vars := map[string]bool{}
	name := regexp.MustCompile("`([A-Z][A-Z0-9_]+)`")
	for _, line := range strings.Split(section, "\n") {
		if first, _, ok := strings.Cut(strings.TrimPrefix(line, "|"), "|"); ok && strings.HasPrefix(line, "| `") {
			for _, m := range name.FindAllStringSubmatch(first, -1) {
				vars[m[1]] = true
			}
		}
	}
	if len(vars) < 20 {
		t.Fatalf("found only %d variables in the README's table; the scan is broken", len(vars))
	}
	return vars
}

// TestDeployVariablesAreDocumented: every variable a deploy file gives the
// server is one the README's configuration table explains (a misspelt
// name would be silently ignored by the server).
func TestDeployVariablesAreDocumented(t *testing.T) {
	documented := readmeVariables(t)
	set := map[string][]string{} // variable → files that set it
	add := func(file, name string) { set[name] = append(set[name], file) }

	p, err := loadCompose(composeEnv)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Services {
		if s.Build != nil && s.Build.Target == "runtime" {
			for k := range s.Environment {
				add("docker-compose.yml", k)
			}
		}
	}
	for k := range loadManifests(t).configMaps["mockroom-config"].Data {
		add("k8s/configmap.yaml", k)
	}
	for k := range loadFlyFile(t, "fly.toml").Env {
		add("fly/fly.toml", k)
	}
	for _, c := range stage(t, dockerStages(t), "runtime").Commands {
		if env, ok := c.(*instructions.EnvCommand); ok {
			for _, kv := range env.Env {
				add("Dockerfile", kv.Key)
			}
		}
	}
	if len(set) < 10 {
		t.Fatalf("found only %d variables in the deploy files; the scan is broken", len(set))
	}
	for name, files := range set {
		if !documented[name] {
			t.Errorf("%s (set in %s) is not in README.md's configuration table", name, strings.Join(slices.Compact(files), ", "))
		}
	}
}

// TestValidatorsStayOutOfTheBinary: the validators' modules are for
// these tests only.
func TestValidatorsStayOutOfTheBinary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../cmd/mockroom").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, heavy := range []string{"k8s.io/", "sigs.k8s.io/", "github.com/moby/buildkit", "github.com/compose-spec/", "github.com/BurntSushi/toml"} {
			if strings.HasPrefix(pkg, heavy) {
				t.Errorf("the binary imports %s", pkg)
			}
		}
	}
}
