package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/opencontainers/go-digest"
)

// offlineImages answers BuildKit's questions about base images without a
// registry: every base image is a Linux image with the usual PATH.
// BuildKit asks for the stages' bases concurrently.
type offlineImages struct {
	mu    sync.Mutex
	asked []string
}

func (o *offlineImages) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	o.mu.Lock()
	o.asked = append(o.asked, ref)
	o.mu.Unlock()
	cfg, _ := json.Marshal(map[string]any{
		"architecture": "amd64", "os": "linux",
		"config": map[string]any{"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{}},
	})
	return ref, digest.FromBytes([]byte(ref)), cfg, nil
}

// lintDockerfile runs BuildKit's checks on dt as `docker build --check`
// does: the parse, every stage converted (all targets), every lint rule.
func lintDockerfile(t *testing.T, dt []byte) []string {
	t.Helper()
	images := &offlineImages{}
	src := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", dt)
	src.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{BuildArgs: map[string]string{}},
		SourceMap:    src,
		MetaResolver: images,
	})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	if res.Error != nil {
		problems = append(problems, "error: "+res.Error.Message)
	}
	for _, w := range res.Warnings {
		line := 0
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = int(w.Location.Ranges[0].Start.Line)
		}
		problems = append(problems, fmt.Sprintf("%s: %s (line %d)", w.RuleName, w.Detail, line))
	}
	images.mu.Lock()
	defer images.mu.Unlock()
	if res.Error == nil && len(images.asked) == 0 {
		t.Fatal("the linter resolved no base image: the stages were not converted")
	}
	return problems
}

// dockerStages parses the Dockerfile into its stages.
func dockerStages(t *testing.T) []instructions.Stage {
	t.Helper()
	dt, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	ast, err := parser.Parse(bytes.NewReader(dt))
	if err != nil {
		t.Fatal(err)
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		t.Fatal(err)
	}
	return stages
}

func stage(t *testing.T, stages []instructions.Stage, name string) instructions.Stage {
	t.Helper()
	for _, s := range stages {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("the Dockerfile has no stage %q", name)
	return instructions.Stage{}
}

func TestDockerfileLint(t *testing.T) {
	dt, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range lintDockerfile(t, dt) {
		t.Error(p)
	}
}

// TestDockerfileLintCatches keeps the linter honest: a Dockerfile with
// faults it must report.
func TestDockerfileLintCatches(t *testing.T) {
	for name, tc := range map[string]struct{ src, rule string }{
		"shell form entrypoint": {"FROM debian:bookworm-slim AS base\nENTRYPOINT mockroom serve\n", "JSONArgsRecommended"},
		"stage name casing":     {"FROM debian:bookworm-slim AS Base\nRUN true\n", "StageNameCasing"},
		"undefined variable":    {"FROM debian:bookworm-slim\nRUN echo $NOPE_NOT_DEFINED\nENV X=$NOPE_NOT_DEFINED\n", "UndefinedVar"},
		"unknown instruction":   {"FROM debian:bookworm-slim\nRUNN true\n", "error"},
	} {
		t.Run(name, func(t *testing.T) {
			got := lintDockerfile(t, []byte(tc.src))
			if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, tc.rule) }) {
				t.Errorf("want %s, got %q", tc.rule, got)
			}
		})
	}
}

// TestDockerfileShape checks what operators and the other files rely on.
func TestDockerfileShape(t *testing.T) {
	stages := dockerStages(t)
	if last := stages[len(stages)-1].Name; last != "runtime" {
		t.Errorf("the default target (last stage) is %q, want runtime", last)
	}
	rt := stage(t, stages, "runtime")
	var user, entry, cmd, health string
	var exposed []string
	for _, c := range rt.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.EntrypointCommand:
			entry = strings.Join(c.CmdLine, " ")
			if !c.PrependShell {
				entry = "exec " + entry
			}
		case *instructions.CmdCommand:
			cmd = strings.Join(c.CmdLine, " ")
		case *instructions.HealthCheckCommand:
			health = strings.Join(c.Health.Test, " ")
		case *instructions.ExposeCommand:
			exposed = append(exposed, c.Ports...)
		}
	}
	if user == "" || strings.HasPrefix(user, "0") || strings.HasPrefix(user, "root") {
		t.Errorf("runtime runs as %q, want an unprivileged user", user)
	}
	// mockroom serve by default; CMD alone changes the subcommand.
	if !strings.HasSuffix(entry, "/mockroom") || !strings.HasPrefix(entry, "exec ") || cmd != "serve" {
		t.Errorf("runtime ENTRYPOINT = %q, CMD = %q: want the exec form of mockroom, and serve", entry, cmd)
	}
	if !strings.Contains(health, "/healthz") {
		t.Errorf("runtime HEALTHCHECK = %q, want /healthz", health)
	}
	if !slices.Contains(exposed, "8080") {
		t.Errorf("runtime EXPOSE = %q, want 8080", exposed)
	}

	sb := stage(t, stages, "sandbox")
	var sbEntry string
	for _, c := range sb.Commands {
		if c, ok := c.(*instructions.EntrypointCommand); ok {
			sbEntry = strings.Join(c.CmdLine, " ")
		}
	}
	for _, want := range []string{"go-judge", "-seccomp-conf", "-mount-conf", "-no-fallback"} {
		if !strings.Contains(sbEntry, want) {
			t.Errorf("sandbox ENTRYPOINT = %q, lacks %s", sbEntry, want)
		}
	}
	// Every file COPY takes from the build context exists, and the
	// packages the build stage compiles are there.
	for _, st := range stages {
		for _, c := range st.Commands {
			if cp, ok := c.(*instructions.CopyCommand); ok && cp.From == "" {
				for _, src := range cp.SourcePaths {
					if _, err := os.Stat(filepath.Join("..", src)); err != nil {
						t.Errorf("stage %s copies %s: %v", st.Name, src, err)
					}
				}
			}
			if r, ok := c.(*instructions.RunCommand); ok {
				for _, pkg := range regexp.MustCompile(`\./(?:cmd|deploy)/[a-z]+`).FindAllString(strings.Join(r.CmdLine, " "), -1) {
					if _, err := os.Stat(filepath.Join("..", pkg)); err != nil {
						t.Errorf("stage %s builds %s: %v", st.Name, pkg, err)
					}
				}
			}
		}
	}
	var tagged bool
	for _, c := range stage(t, stages, "gojudge").Commands {
		if r, ok := c.(*instructions.RunCommand); ok && strings.Contains(strings.Join(r.CmdLine, " "), "-tags seccomp") {
			tagged = true
		}
	}
	if !tagged {
		t.Error("go-judge is not built with -tags seccomp: the server would run without our filter")
	}
}
