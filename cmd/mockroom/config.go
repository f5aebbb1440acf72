package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
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

	UnlimitedCredits bool // CREDITS=unlimited: interviews take no credit

	Sandbox      string // local | remote
	SandboxURL   string
	SandboxToken string
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
		RealtimeSecret:     env("REALTIME_SECRET"),
		APIRatePerMin:      100,
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
			return c, &configError{"REDIS_URL", "must be a redis:// or rediss:// URL (leave it unset for the embedded event queue)"}
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
	switch v := strings.ToLower(env("CREDITS")); v {
	case "", "ledger":
	case "unlimited":
		c.UnlimitedCredits = true
	default:
		return c, &configError{"CREDITS", fmt.Sprintf("%q must be unlimited, or unset so that each interview takes one credit", v)}
	}
	switch c.Sandbox {
	case "local":
	case "remote":
		if u, err := url.Parse(c.SandboxURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, &configError{"SANDBOX_URL", "must be the http(s) URL of the remote execution engine when SANDBOX=remote"}
		}
	default:
		return c, &configError{"SANDBOX", fmt.Sprintf("%q must be local or remote", c.Sandbox)}
	}
	return c, nil
}

var errUsage = errors.New("usage")
