package deploy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// flyConfig is fly.toml's app configuration as fly documents it
// (https://fly.io/docs/reference/configuration/): every section and key an
// app may set. Decoding is strict: a key outside these fails the test, as
// a misspelt key would otherwise be ignored by flyctl and change nothing.
type flyConfig struct {
	App            string                 `toml:"app"`
	PrimaryRegion  string                 `toml:"primary_region"`
	KillSignal     string                 `toml:"kill_signal"`
	KillTimeout    flyDuration            `toml:"kill_timeout"`
	SwapSizeMB     int                    `toml:"swap_size_mb"`
	ConsoleCommand string                 `toml:"console_command"`
	HostDedication string                 `toml:"host_dedication_id"`
	Experimental   *flyExperiment         `toml:"experimental"`
	Build          *flyBuild              `toml:"build"`
	Deploy         *flyDeploy             `toml:"deploy"`
	Env            map[string]string      `toml:"env"`
	Processes      map[string]string      `toml:"processes"`
	Mounts         []flyMount             `toml:"mounts"`
	HTTPService    *flyHTTPService        `toml:"http_service"`
	Services       []flyService           `toml:"services"`
	Checks         map[string]flyTopCheck `toml:"checks"`
	VM             []flyVM                `toml:"vm"`
	Metrics        []flyMetrics           `toml:"metrics"`
	Statics        []flyStatic            `toml:"statics"`
	Files          []flyFile              `toml:"files"`
	Restart        []flyRestart           `toml:"restart"`
}

type flyExperiment struct {
	Cmd          []string `toml:"cmd"`
	Entrypoint   []string `toml:"entrypoint"`
	Exec         []string `toml:"exec"`
	AutoRollback bool     `toml:"auto_rollback"`
	EnableConsul bool     `toml:"enable_consul"`
	EnableEtcd   bool     `toml:"enable_etcd"`
}

type flyBuild struct {
	Builder    string            `toml:"builder"`
	Buildpacks []string          `toml:"buildpacks"`
	Args       map[string]string `toml:"args"`
	Image      string            `toml:"image"`
	Dockerfile string            `toml:"dockerfile"`
	Ignorefile string            `toml:"ignorefile"`
	Target     string            `toml:"build-target"`
}

type flyDeploy struct {
	Strategy              string      `toml:"strategy"` // canary, rolling, bluegreen, immediate
	MaxUnavailable        float64     `toml:"max_unavailable"`
	WaitTimeout           flyDuration `toml:"wait_timeout"`
	ReleaseCommand        string      `toml:"release_command"`
	ReleaseCommandTimeout flyDuration `toml:"release_command_timeout"`
}

type flyMount struct {
	Source      string   `toml:"source"`
	Destination string   `toml:"destination"`
	InitialSize string   `toml:"initial_size"`
	Processes   []string `toml:"processes"`
}

type flyConcurrency struct {
	Type      string `toml:"type"` // connections or requests
	SoftLimit int    `toml:"soft_limit"`
	HardLimit int    `toml:"hard_limit"`
}

type flyHTTPCheck struct {
	GracePeriod   flyDuration       `toml:"grace_period"`
	Interval      flyDuration       `toml:"interval"`
	Timeout       flyDuration       `toml:"timeout"`
	Method        string            `toml:"method"`
	Path          string            `toml:"path"`
	Protocol      string            `toml:"protocol"`
	TLSServerName string            `toml:"tls_server_name"`
	TLSSkipVerify bool              `toml:"tls_skip_verify"`
	Headers       map[string]string `toml:"headers"`
}

type flyTCPCheck struct {
	GracePeriod flyDuration `toml:"grace_period"`
	Interval    flyDuration `toml:"interval"`
	Timeout     flyDuration `toml:"timeout"`
}

type flyHTTPService struct {
	InternalPort       int             `toml:"internal_port"`
	ForceHTTPS         bool            `toml:"force_https"`
	AutoStopMachines   flyAutoStop     `toml:"auto_stop_machines"`
	AutoStartMachines  bool            `toml:"auto_start_machines"`
	MinMachinesRunning int             `toml:"min_machines_running"`
	Processes          []string        `toml:"processes"`
	Concurrency        *flyConcurrency `toml:"concurrency"`
	Checks             []flyHTTPCheck  `toml:"checks"`
	HTTPOptions        map[string]any  `toml:"http_options"`
	TLSOptions         map[string]any  `toml:"tls_options"`
}

type flyPort struct {
	Port        int            `toml:"port"`
	StartPort   int            `toml:"start_port"`
	EndPort     int            `toml:"end_port"`
	Handlers    []string       `toml:"handlers"`
	ForceHTTPS  bool           `toml:"force_https"`
	HTTPOptions map[string]any `toml:"http_options"`
	TLSOptions  map[string]any `toml:"tls_options"`
}

type flyService struct {
	InternalPort       int             `toml:"internal_port"`
	Protocol           string          `toml:"protocol"`
	AutoStopMachines   flyAutoStop     `toml:"auto_stop_machines"`
	AutoStartMachines  bool            `toml:"auto_start_machines"`
	MinMachinesRunning int             `toml:"min_machines_running"`
	Processes          []string        `toml:"processes"`
	Ports              []flyPort       `toml:"ports"`
	Concurrency        *flyConcurrency `toml:"concurrency"`
	TCPChecks          []flyTCPCheck   `toml:"tcp_checks"`
	HTTPChecks         []flyHTTPCheck  `toml:"http_checks"`
}

type flyTopCheck struct {
	Type          string            `toml:"type"` // http or tcp
	Port          int               `toml:"port"`
	GracePeriod   flyDuration       `toml:"grace_period"`
	Interval      flyDuration       `toml:"interval"`
	Timeout       flyDuration       `toml:"timeout"`
	Method        string            `toml:"method"`
	Path          string            `toml:"path"`
	Protocol      string            `toml:"protocol"`
	TLSServerName string            `toml:"tls_server_name"`
	TLSSkipVerify bool              `toml:"tls_skip_verify"`
	Headers       map[string]string `toml:"headers"`
	Processes     []string          `toml:"processes"`
}

type flyVM struct {
	Size      string   `toml:"size"`
	Memory    string   `toml:"memory"`
	CPUs      int      `toml:"cpus"`
	CPUKind   string   `toml:"cpu_kind"`
	GPUs      int      `toml:"gpus"`
	GPUKind   string   `toml:"gpu_kind"`
	Processes []string `toml:"processes"`
}

type flyMetrics struct {
	Port      int      `toml:"port"`
	Path      string   `toml:"path"`
	Processes []string `toml:"processes"`
}

type flyStatic struct {
	GuestPath string `toml:"guest_path"`
	URLPrefix string `toml:"url_prefix"`
}

type flyFile struct {
	GuestPath  string   `toml:"guest_path"`
	LocalPath  string   `toml:"local_path"`
	SecretName string   `toml:"secret_name"`
	RawValue   string   `toml:"raw_value"`
	Processes  []string `toml:"processes"`
}

type flyRestart struct {
	Policy    string   `toml:"policy"`
	Retries   int      `toml:"retries"`
	Processes []string `toml:"processes"`
}

// flyDuration is a Go duration string ("30s", "5m").
type flyDuration struct{ time.Duration }

func (d *flyDuration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	d.Duration = v
	return err
}

// flyAutoStop is true, false, "off", "stop" or "suspend".
type flyAutoStop struct{ mode string }

func (a *flyAutoStop) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case bool:
		a.mode = map[bool]string{true: "stop", false: "off"}[v]
	case string:
		if v != "off" && v != "stop" && v != "suspend" {
			return fmt.Errorf("auto_stop_machines = %q: want off, stop or suspend", v)
		}
		a.mode = v
	default:
		return fmt.Errorf("auto_stop_machines: want a bool or a string, got %T", v)
	}
	return nil
}

// loadFly decodes a fly.toml strictly.
func loadFly(dt string) (*flyConfig, error) {
	var c flyConfig
	md, err := toml.Decode(dt, &c)
	if err != nil {
		return nil, err
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("keys fly does not document: %v", un)
	}
	return &c, nil
}

func loadFlyFile(t *testing.T, name string) *flyConfig {
	t.Helper()
	dt, err := os.ReadFile(filepath.Join("fly", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadFly(string(dt))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	// flyctl resolves the Dockerfile next to the config file.
	if c.Build == nil || c.Build.Dockerfile == "" {
		t.Fatalf("%s: no [build] dockerfile", name)
	}
	if _, err := os.Stat(filepath.Join("fly", c.Build.Dockerfile)); err != nil {
		t.Errorf("%s: dockerfile %s: %v", name, c.Build.Dockerfile, err)
	}
	stage(t, dockerStages(t), c.Build.Target)
	if c.Deploy == nil || c.Deploy.Strategy != "rolling" {
		t.Errorf("%s: want a rolling deploy", name)
	}
	if c.KillSignal != "SIGTERM" || c.KillTimeout.Duration < 25*time.Second {
		t.Errorf("%s: kill_signal %q, kill_timeout %s: want SIGTERM and time for the 20 s drain", name, c.KillSignal, c.KillTimeout.Duration)
	}
	return c
}

func TestFlyApp(t *testing.T) {
	c := loadFlyFile(t, "fly.toml")
	if c.Build.Target != "runtime" {
		t.Errorf("the app is built from target %q, want runtime", c.Build.Target)
	}
	hs := c.HTTPService
	if hs == nil {
		t.Fatal("no [http_service]")
	}
	if _, port, _ := strings.Cut(c.Env["ADDR"], ":"); port != fmt.Sprint(hs.InternalPort) {
		t.Errorf("internal_port %d but ADDR=%q", hs.InternalPort, c.Env["ADDR"])
	}
	var healthz bool
	for _, ch := range hs.Checks {
		healthz = healthz || (ch.Path == "/healthz" && ch.Interval.Duration > 0 && ch.Timeout.Duration > 0)
	}
	if !healthz {
		t.Error("no http_service check on /healthz")
	}
	var readyz bool
	for _, ch := range c.Checks {
		readyz = readyz || (ch.Type == "http" && ch.Path == "/readyz" && ch.Port == hs.InternalPort)
	}
	if !readyz {
		t.Error("no machine check on /readyz: a rolling deploy would not wait for the database")
	}
	if cc := hs.Concurrency; cc == nil || cc.Type != "connections" || cc.SoftLimit <= 0 || cc.SoftLimit > cc.HardLimit {
		t.Errorf("concurrency %+v: want connection limits, soft under hard", hs.Concurrency)
	}
	if hs.MinMachinesRunning < 2 {
		t.Error("min_machines_running < 2: one machine's restart would take the service down")
	}
	if c.Env["SANDBOX"] != "remote" || c.Env["SANDBOX_URL"] == "" {
		t.Error("the app should use the runner app (SANDBOX=remote, SANDBOX_URL)")
	}
	for _, secret := range []string{"DATABASE_URL", "REDIS_URL", "REALTIME_SECRET", "SANDBOX_TOKEN", "SENTRY_DSN", "METRICS_TOKEN"} {
		if _, ok := c.Env[secret]; ok {
			t.Errorf("%s is in [env]: secrets go through `fly secrets set`", secret)
		}
	}
	var metrics bool
	for _, m := range c.Metrics {
		metrics = metrics || (":"+fmt.Sprint(m.Port) == c.Env["METRICS_ADDR"] && m.Path == "/metrics")
	}
	if !metrics {
		t.Error("[[metrics]] does not scrape METRICS_ADDR")
	}
}

func TestFlySandbox(t *testing.T) {
	c := loadFlyFile(t, "sandbox.toml")
	if c.Build.Target != "sandbox" {
		t.Errorf("the runners are built from target %q, want sandbox", c.Build.Target)
	}
	if c.HTTPService != nil {
		t.Error("the runners must not have a public [http_service]")
	}
	if len(c.Services) != 1 || c.Services[0].InternalPort != 5050 {
		t.Fatal("want one private service on go-judge's port 5050")
	}
	var version bool
	for _, ch := range c.Services[0].HTTPChecks {
		version = version || ch.Path == "/version"
	}
	if !version {
		t.Error("no check on go-judge's /version")
	}
	app := loadFlyFile(t, "fly.toml")
	if !strings.Contains(app.Env["SANDBOX_URL"], c.App+".flycast:5050") {
		t.Errorf("the app's SANDBOX_URL %q does not reach %s over Flycast", app.Env["SANDBOX_URL"], c.App)
	}
}

// TestFlyDecodingIsStrict: a misspelt key fails.
func TestFlyDecodingIsStrict(t *testing.T) {
	for name, src := range map[string]string{
		"top level":     "app = \"x\"\nkill_timout = \"5s\"\n",
		"in a section":  "[http_service]\ninternal_port = 8080\nforce_http = true\n",
		"in a check":    "[[http_service.checks]]\npath = \"/healthz\"\nintervall = \"10s\"\n",
		"bad auto stop": "[http_service]\nauto_stop_machines = \"sometimes\"\n",
		"bad duration":  "kill_timeout = \"soon\"\n",
	} {
		if _, err := loadFly(src); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}
