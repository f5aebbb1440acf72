package deploy

import (
	"context"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// composeEnv is what an operator exports before `docker compose up`.
var composeEnv = map[string]string{
	"POSTGRES_PASSWORD": "pg-secret-0123456789",
	"SANDBOX_TOKEN":     "sandbox-token-0123456789abcdef",
	"REALTIME_SECRET":   "realtime-secret-0123456789abcdef0123456789",
}

// loadCompose loads ../docker-compose.yml as `docker compose config`
// does: schema validation, interpolation from env, normalization.
func loadCompose(env map[string]string) (*types.Project, error) {
	wd, err := filepath.Abs("..")
	if err != nil {
		return nil, err
	}
	env = maps.Clone(env) // the loader adds COMPOSE_PROJECT_NAME to it
	return loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  wd,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(wd, "docker-compose.yml")}},
		Environment: env,
	}, func(o *loader.Options) {
		o.SetProjectName("mockroom", true)
		o.ResolvePaths = true
	})
}

func TestComposeLoads(t *testing.T) {
	p, err := loadCompose(composeEnv)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"app1", "app2", "lb", "postgres", "redis", "sandbox"} {
		if _, ok := p.Services[name]; !ok {
			t.Errorf("no service %s", name)
		}
	}
	stages := dockerStages(t)
	var secrets []string
	for _, name := range []string{"app1", "app2"} {
		s := p.Services[name]
		env := func(k string) string {
			if v := s.Environment[k]; v != nil {
				return *v
			}
			return ""
		}
		if s.Build == nil || s.Build.Target != "runtime" {
			t.Errorf("%s is not built from the Dockerfile's runtime target", name)
		}
		if env("SANDBOX") != "remote" {
			t.Errorf("%s: SANDBOX=%q, want remote", name, env("SANDBOX"))
		}
		u, err := url.Parse(env("SANDBOX_URL"))
		if err != nil || u.Hostname() != "sandbox" || u.Port() != "5050" {
			t.Errorf("%s: SANDBOX_URL=%q, want the sandbox service on 5050", name, env("SANDBOX_URL"))
		}
		if env("SANDBOX_TOKEN") != composeEnv["SANDBOX_TOKEN"] {
			t.Errorf("%s: SANDBOX_TOKEN not the runner's token", name)
		}
		if u, err := url.Parse(env("DATABASE_URL")); err != nil || u.Hostname() != "postgres" || !strings.Contains(env("DATABASE_URL"), composeEnv["POSTGRES_PASSWORD"]) {
			t.Errorf("%s: DATABASE_URL=%q does not reach the postgres service", name, env("DATABASE_URL"))
		}
		if u, err := url.Parse(env("REDIS_URL")); err != nil || u.Hostname() != "redis" {
			t.Errorf("%s: REDIS_URL=%q does not reach the redis service", name, env("REDIS_URL"))
		}
		if got := env("TRUSTED_PROXIES"); got != lbAddress(t, p) {
			t.Errorf("%s: TRUSTED_PROXIES=%q, want the balancer's address %q", name, got, lbAddress(t, p))
		}
		if s.StopGracePeriod == nil || time.Duration(*s.StopGracePeriod) < 25*time.Second {
			t.Errorf("%s: stop_grace_period shorter than the server's 20 s drain plus margin", name)
		}
		secrets = append(secrets, env("REALTIME_SECRET"))
	}
	if secrets[0] == "" || secrets[0] != secrets[1] {
		t.Error("the instances do not share one REALTIME_SECRET: a token made by one would fail on the other")
	}

	sb := p.Services["sandbox"]
	if sb.Build == nil || sb.Build.Target != "sandbox" {
		t.Error("the runner is not built from the Dockerfile's sandbox target")
	}
	if !sb.Privileged {
		t.Error("go-judge needs a privileged container for its namespaces and cgroups")
	}
	if v := sb.Environment["ES_AUTH_TOKEN"]; v == nil || *v != composeEnv["SANDBOX_TOKEN"] {
		t.Error("the runner's ES_AUTH_TOKEN is not SANDBOX_TOKEN")
	}
	for _, s := range p.Services {
		if s.Build != nil && s.Build.Target != "" {
			stage(t, stages, s.Build.Target)
		}
	}

	// The balancer mounts the config haproxy_test.go checks, and balances
	// over exactly the app services.
	lb := p.Services["lb"]
	var cfg string
	for _, v := range lb.Volumes {
		if v.Target == "/usr/local/etc/haproxy/haproxy.cfg" {
			cfg = v.Source
		}
	}
	if want, _ := filepath.Abs("haproxy/haproxy.cfg"); cfg != want {
		t.Errorf("lb mounts %q, want %q", cfg, want)
	}
	servers := haproxyServers(t)
	if len(servers) != 2 || servers[0] != "app1:8080" || servers[1] != "app2:8080" {
		t.Errorf("haproxy balances over %q, want app1:8080 and app2:8080", servers)
	}
}

func lbAddress(t *testing.T, p *types.Project) string {
	t.Helper()
	for _, n := range p.Services["lb"].Networks {
		if n != nil && n.Ipv4Address != "" {
			return n.Ipv4Address
		}
	}
	t.Fatal("lb has no fixed address")
	return ""
}

// TestComposeRefusesMissingSecrets: without the secrets, compose stops
// with the variable's name instead of starting instances that disagree.
func TestComposeRefusesMissingSecrets(t *testing.T) {
	for name := range composeEnv {
		env := map[string]string{}
		for k, v := range composeEnv {
			if k != name {
				env[k] = v
			}
		}
		_, err := loadCompose(env)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("without %s: err = %v, want one naming it", name, err)
		}
	}
}

// TestComposeSchemaCatches keeps the schema validation on: a misspelt
// key must fail.
func TestComposeSchemaCatches(t *testing.T) {
	dt, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(dt), "    privileged: true", "    privilegd: true", 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir: dir, ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(dir, "docker-compose.yml")}}, Environment: maps.Clone(composeEnv),
	}, func(o *loader.Options) { o.SetProjectName("mockroom", true) })
	if err == nil || !strings.Contains(err.Error(), "privilegd") {
		t.Errorf("a misspelt key loaded: err = %v", err)
	}
}
