package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/governance"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// Config is everything `mockroom serve` reads from flags and the environment.
// Flags win over variables; every bad value stops the start with one line
// naming the variable.
type Config struct {
	Addr           string
	DataDir        string
	DatabaseURL    string
	RedisURL       string
	LogLevel       slog.Level
	BaseURL        string
	APIRatePerMin  int
	TrustedOrigins []string

	GitHubClientID, GitHubClientSecret string
	GoogleClientID, GoogleClientSecret string

	RealtimeSecret string // signs WebSocket tokens; required to be equal on every instance

	Observability observabilityConfig // Sentry and OpenTelemetry (observability.go)

	SMTPURL          string // smtp:// or smtps://; empty: no mail path
	MailFrom         string
	Signups          string // open | invite | closed
	SignupsDefault   bool   // Signups was chosen by default, not set
	SignupsPerHour   int
	SignupsPerAddr   int // SIGNUPS_PER_ADDRESS_PER_HOUR
	TrustedProxies   []netip.Prefix
	UnlimitedCredits bool // CREDITS=unlimited: interviews take no credit

	Sandbox      string // local | remote
	SandboxURL   string
	SandboxToken string
	// SandboxCacheDir holds the local sandbox's pre-built Go standard
	// library and C++ header (SANDBOX_CACHE_DIR, default DATA_DIR/sandbox).
	SandboxCacheDir string
	Admission       admission.Limits // the execution queue, defaults filled in
	Fleet           fleetConfig      // the sandbox fleet and the fleet-wide queue (sandboxfleet.go)

	RunsPerSessionPerMinute int // executions a minute in one interview (3)
	RunsPerUserPerHour      int // executions an hour per user (50)
	// InterviewerPatience is how long a session may stall (no edit, no
	// message) before the interviewer offers a hint (INTERVIEWER_PATIENCE, 3m).
	InterviewerPatience time.Duration
	// ProbeBudget is the CPU time one efficiency probe of an accepted
	// submit may use, start-up included (PROBE_BUDGET, 10s; 0 turns the
	// probe off).
	ProbeBudget time.Duration
	// TranscriptRetention is how long raw transcripts are kept before the
	// worker deletes them (TRANSCRIPT_RETENTION, 90d; 0 keeps them).
	TranscriptRetention time.Duration
	// EventRetention is how long finished events stay in the outbox
	// (EVENT_RETENTION, 7d).
	EventRetention time.Duration

	// Slow clients and connection floods (the WebSocket route clears the
	// read timeout after its upgrade and keeps its own ping deadlines).
	ReadHeaderTimeout time.Duration // HTTP_READ_HEADER_TIMEOUT
	ReadTimeout       time.Duration // HTTP_READ_TIMEOUT: headers and body together
	MaxConns          int           // MAX_CONNS: open connections in all; 0 = no cap
	MaxConnsPerAddr   int           // MAX_CONNS_PER_ADDR: per remote address; 0 = no cap

	MetricsAddr  string // METRICS_ADDR: serve /metrics there instead of on ADDR
	MetricsToken string // METRICS_TOKEN: bearer token /metrics asks for

	LLM      LLMConfig      // LLM_PROVIDER and the model variables (llm.go)
	Voice    VoiceConfig    // VOICE_PROVIDER and the speech model variables (voice.go)
	Payments PaymentsConfig // STRIPE_* and the catalogue (payments.go)
}

// configError names the variable and what is wrong with it.
type configError struct{ name, msg string }

func (e *configError) Error() string { return "configuration: " + e.name + ": " + e.msg }

func parseServeConfig(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "", "listen address (env ADDR, default :8080)")
	data := fs.String("data", "", "data directory for SQLite and caches (env DATA_DIR, default ./data)")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	return loadConfig(*addr, *data, getenv)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

func loadConfig(addrFlag, dataFlag string, getenv func(string) string) (Config, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Config{
		Addr:               firstNonEmpty(addrFlag, env("ADDR"), ":8080"),
		DataDir:            firstNonEmpty(dataFlag, env("DATA_DIR"), "./data"),
		DatabaseURL:        env("DATABASE_URL"),
		RedisURL:           env("REDIS_URL"),
		GitHubClientID:     env("GITHUB_CLIENT_ID"),
		GitHubClientSecret: env("GITHUB_CLIENT_SECRET"),
		GoogleClientID:     env("GOOGLE_CLIENT_ID"),
		GoogleClientSecret: env("GOOGLE_CLIENT_SECRET"),
		Sandbox:            firstNonEmpty(env("SANDBOX"), "local"),
		SandboxURL:         env("SANDBOX_URL"),
		SandboxToken:       env("SANDBOX_TOKEN"),
		SandboxCacheDir:    env("SANDBOX_CACHE_DIR"),
		RealtimeSecret:     env("REALTIME_SECRET"),
		APIRatePerMin:      100,
		SMTPURL:            env("SMTP_URL"),
		MailFrom:           env("MAIL_FROM"),
		Signups:            env("SIGNUPS"),
		SignupsPerHour:     account.DefaultSignupsPerHour,
		SignupsPerAddr:     account.DefaultSignupsPerAddress,

		RunsPerSessionPerMinute: 3,
		RunsPerUserPerHour:      50,
		InterviewerPatience:     3 * time.Minute,
		ReadHeaderTimeout:       10 * time.Second,
		ReadTimeout:             30 * time.Second,
		MaxConns:                4096,
		MaxConnsPerAddr:         64,
		MetricsAddr:             env("METRICS_ADDR"),
		MetricsToken:            env("METRICS_TOKEN"),
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		return c, &configError{"ADDR", fmt.Sprintf("%q is not a listen address like :8080 or 127.0.0.1:8080", c.Addr)}
	}
	if err := c.LogLevel.UnmarshalText([]byte(firstNonEmpty(env("LOG_LEVEL"), "info"))); err != nil {
		return c, &configError{"LOG_LEVEL", fmt.Sprintf("%q is not one of debug, info, warn, error", env("LOG_LEVEL"))}
	}
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return c, &configError{"DATABASE_URL", "must be a postgres:// URL (leave it unset to use SQLite in DATA_DIR)"}
		}
	}
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			return c, &configError{"REDIS_URL", "must be a redis:// or rediss:// URL (leave it unset for the embedded event queue and in-memory shared state)"}
		}
	}
	c.BaseURL = env("BASE_URL")
	if c.BaseURL == "" {
		_, port, _ := net.SplitHostPort(c.Addr)
		c.BaseURL = "http://localhost:" + port
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, &configError{"BASE_URL", fmt.Sprintf("%q must be an absolute http(s) URL such as https://mockroom.example.com", c.BaseURL)}
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if v := env("API_RATE_LIMIT_PER_MINUTE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, &configError{"API_RATE_LIMIT_PER_MINUTE", fmt.Sprintf("%q must be a positive integer", v)}
		}
		c.APIRatePerMin = n
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"HTTP_READ_HEADER_TIMEOUT", &c.ReadHeaderTimeout}, {"HTTP_READ_TIMEOUT", &c.ReadTimeout}} {
		if v := env(d.name); v != "" {
			t, err := time.ParseDuration(v)
			if err != nil || t <= 0 {
				return c, &configError{d.name, fmt.Sprintf("%q must be a positive duration such as 10s or 500ms", v)}
			}
			*d.dst = t
		}
	}
	if v := env("INTERVIEWER_PATIENCE"); v != "" {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 30*time.Second || d > 30*time.Minute {
			return c, &configError{"INTERVIEWER_PATIENCE", fmt.Sprintf("%q must be a duration from 30s to 30m, like 3m", v)}
		}
		c.InterviewerPatience = d
	}
	c.ProbeBudget = judge.DefaultProbeBudget
	if v := env("PROBE_BUDGET"); v != "" {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 0 || (d > 0 && d < time.Second) || d > 60*time.Second {
			return c, &configError{"PROBE_BUDGET", fmt.Sprintf("%q must be 0 (off) or a duration from 1s to 60s, like 10s", v)}
		}
		c.ProbeBudget = d
	}
	c.TranscriptRetention, c.EventRetention = governance.DefaultTranscriptRetention, governance.DefaultEventRetention
	for _, r := range []struct {
		name   string
		dst    *time.Duration
		min    time.Duration
		zeroOK bool
	}{{"TRANSCRIPT_RETENTION", &c.TranscriptRetention, 24 * time.Hour, true}, {"EVENT_RETENTION", &c.EventRetention, time.Hour, false}} {
		if v := env(r.name); v != "" {
			d, err := parseRetention(v)
			if err != nil || (d == 0 && !r.zeroOK) || (d != 0 && d < r.min) {
				hint := fmt.Sprintf("a duration of at least %v, such as 90d, 30d or 720h", r.min)
				if r.zeroOK {
					hint += " (0 keeps them for ever)"
				}
				return c, &configError{r.name, fmt.Sprintf("%q must be %s", v, hint)}
			}
			*r.dst = d
		}
	}
	if c.ReadHeaderTimeout > c.ReadTimeout {
		return c, &configError{"HTTP_READ_HEADER_TIMEOUT", fmt.Sprintf("%v must not exceed HTTP_READ_TIMEOUT (%v), which covers the headers too", c.ReadHeaderTimeout, c.ReadTimeout)}
	}
	for _, n := range []struct {
		name string
		dst  *int
	}{{"MAX_CONNS", &c.MaxConns}, {"MAX_CONNS_PER_ADDR", &c.MaxConnsPerAddr}} {
		if v := env(n.name); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < 0 {
				return c, &configError{n.name, fmt.Sprintf("%q must be a whole number (0 turns the cap off)", v)}
			}
			*n.dst = i
		}
	}
	if c.MaxConns > 0 && c.MaxConnsPerAddr > c.MaxConns {
		return c, &configError{"MAX_CONNS_PER_ADDR", fmt.Sprintf("%d must not exceed MAX_CONNS (%d)", c.MaxConnsPerAddr, c.MaxConns)}
	}
	if c.MetricsAddr != "" {
		_, port, err := net.SplitHostPort(c.MetricsAddr)
		if err != nil || port == "" {
			return c, &configError{"METRICS_ADDR", fmt.Sprintf("%q is not a listen address like 127.0.0.1:9090", c.MetricsAddr)}
		}
		if c.MetricsAddr == c.Addr && port != "0" {
			return c, &configError{"METRICS_ADDR", "must differ from ADDR (leave it unset to serve /metrics on ADDR)"}
		}
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return c, &configError{"METRICS_TOKEN", "must be at least 16 characters (e.g. openssl rand -hex 16)"}
	}
	if v := env("TRUSTED_ORIGINS"); v != "" {
		for _, o := range strings.Split(v, ",") {
			o = strings.TrimSpace(o)
			if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
				return c, &configError{"TRUSTED_ORIGINS", fmt.Sprintf("%q is not an origin like https://app.example.com", o)}
			}
			c.TrustedOrigins = append(c.TrustedOrigins, o)
		}
	}
	for _, pair := range [][4]string{
		{"GITHUB_CLIENT_ID", c.GitHubClientID, "GITHUB_CLIENT_SECRET", c.GitHubClientSecret},
		{"GOOGLE_CLIENT_ID", c.GoogleClientID, "GOOGLE_CLIENT_SECRET", c.GoogleClientSecret},
	} {
		if (pair[1] == "") != (pair[3] == "") {
			missing, other := pair[0], pair[2]
			if pair[3] == "" {
				missing, other = pair[2], pair[0]
			}
			return c, &configError{missing, "must be set together with " + other + " (set both or neither)"}
		}
	}
	if c.RealtimeSecret != "" && len(c.RealtimeSecret) < 32 {
		return c, &configError{"REALTIME_SECRET", "must be at least 32 characters (e.g. openssl rand -hex 32)"}
	}
	if err := c.loadAccounts(env); err != nil {
		return c, err
	}
	switch v := strings.ToLower(env("CREDITS")); v {
	case "", "ledger":
	case "unlimited":
		c.UnlimitedCredits = true
	default:
		return c, &configError{"CREDITS", fmt.Sprintf("%q must be unlimited, or unset so that each interview takes one credit", v)}
	}
	switch c.Sandbox {
	case "local", "remote":
	default:
		return c, &configError{"SANDBOX", fmt.Sprintf("%q must be local or remote", c.Sandbox)}
	}
	var err error
	if c.Admission, err = loadAdmission(env); err != nil {
		return c, err
	}
	if c.Fleet, err = loadFleet(env, c); err != nil {
		return c, err
	}
	if c.Observability, err = loadObservability(getenv); err != nil {
		return c, err
	}
	if c.LLM, err = loadLLM(env); err != nil {
		return c, err
	}
	if c.Voice, err = loadVoice(env, c.LLM); err != nil {
		return c, err
	}
	if c.Payments, err = loadPayments(env, c.BaseURL); err != nil {
		return c, err
	}
	for _, v := range []struct {
		name string
		to   *int
	}{{"RUN_LIMIT_PER_SESSION_PER_MINUTE", &c.RunsPerSessionPerMinute}, {"RUN_LIMIT_PER_USER_PER_HOUR", &c.RunsPerUserPerHour}} {
		if err := positiveInt(env, v.name, v.to); err != nil {
			return c, err
		}
	}
	return c, nil
}

// loadAdmission reads the execution queue's limits; unset ones take the
// host's defaults (admission.DefaultLimits).
func loadAdmission(getenv func(string) string) (admission.Limits, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	var l admission.Limits
	for _, v := range []struct {
		name string
		to   *int
	}{{"SANDBOX_MAX_CONCURRENT", &l.MaxConcurrent}, {"SANDBOX_MAX_PER_USER", &l.MaxPerUser}, {"SANDBOX_QUEUE_MAX", &l.MaxQueue}} {
		if err := positiveInt(env, v.name, v.to); err != nil {
			return l, err
		}
	}
	if v := env("SANDBOX_MEMORY_BUDGET"); v != "" {
		n, err := parseBytes(v)
		if run := sandbox.DefaultLimits().MemoryBytes; err != nil || n < run {
			return l, &configError{"SANDBOX_MEMORY_BUDGET", fmt.Sprintf("%q must be a size of at least one run's memory limit (%d MiB), like 8GiB or 4096MiB", v, run>>20)}
		}
		l.MemoryBudget = n
	}
	if v := env("SANDBOX_QUEUE_WAIT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 10*time.Minute {
			return l, &configError{"SANDBOX_QUEUE_WAIT", fmt.Sprintf("%q must be a duration from 1s to 10m, like 30s", v)}
		}
		l.MaxWait = d
	}
	return l.WithDefaults(), nil
}

// positiveInt sets *to from the variable name when it is set.
func positiveInt(env func(string) string, name string, to *int) error {
	v := strings.TrimSpace(env(name))
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return &configError{name, fmt.Sprintf("%q must be a positive integer", v)}
	}
	*to = n
	return nil
}

// parseBytes reads a size: a number of bytes, or one with a binary unit
// (KiB, MiB, GiB, TiB; K, KB, M, MB, G, GB, T, TB mean the same).
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.ToUpper(strings.TrimSpace(s[i:]))
	}
	shift := map[string]uint{"": 0, "B": 0, "K": 10, "KB": 10, "KIB": 10, "M": 20, "MB": 20, "MIB": 20, "G": 30, "GB": 30, "GIB": 30, "T": 40, "TB": 40, "TIB": 40}
	sh, ok := shift[unit]
	f, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || f <= 0 || f*float64(int64(1)<<sh) > float64(int64(1)<<62) {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(f * float64(int64(1)<<sh)), nil
}

var errUsage = errors.New("usage")

// loadAccounts reads the mail, sign-up and proxy settings.
func (c *Config) loadAccounts(env func(string) string) error {
	if c.SMTPURL != "" {
		u, err := url.Parse(c.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			return &configError{"SMTP_URL", "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587 (leave it unset for no mail)"}
		}
		if c.MailFrom == "" {
			c.MailFrom = "mockroom <noreply@" + hostOf(c.BaseURL) + ">"
		}
		if _, err := mail.ParseAddress(c.MailFrom); err != nil || strings.ContainsAny(c.MailFrom, "\r\n") {
			return &configError{"MAIL_FROM", fmt.Sprintf("%q is not an address like \"mockroom <noreply@example.com>\"", c.MailFrom)}
		}
	}
	// Default: open where sign-ups are safe (on loopback only this machine
	// can sign up; with SMTP every address is proven), invite otherwise.
	if c.Signups == "" {
		c.Signups, c.SignupsDefault = account.SignupsInvite, true
		if c.SMTPURL != "" || loopback(c.Addr) {
			c.Signups = account.SignupsOpen
		}
	}
	switch c.Signups {
	case account.SignupsOpen, account.SignupsInvite, account.SignupsClosed:
	default:
		return &configError{"SIGNUPS", fmt.Sprintf("%q must be open, invite or closed", c.Signups)}
	}
	if v := env("SIGNUPS_PER_HOUR"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return &configError{"SIGNUPS_PER_HOUR", fmt.Sprintf("%q must be a positive integer", v)}
		}
		c.SignupsPerHour = n
	}
	if v := env("SIGNUPS_PER_ADDRESS_PER_HOUR"); v != "" {
		// A class or office behind one NAT signs up from one address.
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return &configError{"SIGNUPS_PER_ADDRESS_PER_HOUR", fmt.Sprintf("%q must be a positive integer", v)}
		}
		c.SignupsPerAddr = n
	}
	if v := env("TRUSTED_PROXIES"); v != "" {
		p, err := httpapi.ParseTrustedProxies(v)
		if err != nil {
			return &configError{"TRUSTED_PROXIES", fmt.Sprintf("%q must be a comma-separated list of CIDR prefixes or addresses, like 10.0.0.0/8,192.0.2.7", v)}
		}
		c.TrustedProxies = p
	}
	return nil
}

// loopback reports whether a listen address accepts only local connections.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "localhost"
}

// parseRetention reads a retention period: a Go duration (720h) or a
// number of days (90d).
func parseRetention(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100*365 {
			return 0, fmt.Errorf("bad number of days %q", days)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q", v)
	}
	return d, nil
}
