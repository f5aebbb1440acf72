package main

import (
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig("", "", envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.DatabaseURL != "" || c.BaseURL != "http://localhost:8080" || c.Sandbox != "local" || c.APIRatePerMin != 100 {
		t.Fatalf("defaults = %+v", c)
	}
	if c.ReadHeaderTimeout != 10*time.Second || c.ReadTimeout != 30*time.Second || c.MaxConns != 4096 || c.MaxConnsPerAddr != 64 || c.MetricsAddr != "" || c.MetricsToken != "" {
		t.Fatalf("limit defaults = %+v", c)
	}
	c, err = loadConfig("", "", envOf(map[string]string{"HTTP_READ_TIMEOUT": "1m", "HTTP_READ_HEADER_TIMEOUT": "5s", "MAX_CONNS": "0", "MAX_CONNS_PER_ADDR": "0"}))
	if err != nil || c.ReadTimeout != time.Minute || c.ReadHeaderTimeout != 5*time.Second || c.MaxConns != 0 || c.MaxConnsPerAddr != 0 {
		t.Fatalf("limits from the environment = %+v, %v", c, err)
	}
	c, _ = loadConfig(":9000", "/tmp/x", envOf(map[string]string{"ADDR": ":7000", "DATA_DIR": "/ignored"}))
	if c.Addr != ":9000" || c.DataDir != "/tmp/x" || c.BaseURL != "http://localhost:9000" {
		t.Fatalf("flags must win over env: %+v", c)
	}
}

// Every bad value stops the start with a message naming the variable.
func TestLoadConfigErrorsNameTheVariable(t *testing.T) {
	cases := []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"ADDR": "nonsense"}, "ADDR"},
		{map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{map[string]string{"DATABASE_URL": "mysql://x"}, "DATABASE_URL"},
		{map[string]string{"REDIS_URL": "localhost:6379"}, "REDIS_URL"},
		{map[string]string{"BASE_URL": "example.com"}, "BASE_URL"},
		{map[string]string{"API_RATE_LIMIT_PER_MINUTE": "-3"}, "API_RATE_LIMIT_PER_MINUTE"},
		{map[string]string{"TRUSTED_ORIGINS": "https://ok.example, not an origin"}, "TRUSTED_ORIGINS"},
		{map[string]string{"GITHUB_CLIENT_ID": "id"}, "GITHUB_CLIENT_SECRET"},
		{map[string]string{"GOOGLE_CLIENT_SECRET": "s"}, "GOOGLE_CLIENT_ID"},
		{map[string]string{"SANDBOX": "docker"}, "SANDBOX"},
		{map[string]string{"SANDBOX": "remote"}, "SANDBOX_URL"},
		{map[string]string{"REALTIME_SECRET": "short"}, "REALTIME_SECRET"},
		{map[string]string{"HTTP_READ_TIMEOUT": "fast"}, "HTTP_READ_TIMEOUT"},
		{map[string]string{"HTTP_READ_TIMEOUT": "0s"}, "HTTP_READ_TIMEOUT"},
		{map[string]string{"HTTP_READ_HEADER_TIMEOUT": "-1s"}, "HTTP_READ_HEADER_TIMEOUT"},
		{map[string]string{"HTTP_READ_HEADER_TIMEOUT": "20s", "HTTP_READ_TIMEOUT": "5s"}, "HTTP_READ_HEADER_TIMEOUT"},
		{map[string]string{"MAX_CONNS": "-1"}, "MAX_CONNS"},
		{map[string]string{"MAX_CONNS_PER_ADDR": "lots"}, "MAX_CONNS_PER_ADDR"},
		{map[string]string{"MAX_CONNS": "10", "MAX_CONNS_PER_ADDR": "20"}, "MAX_CONNS_PER_ADDR"},
		{map[string]string{"METRICS_ADDR": "nowhere"}, "METRICS_ADDR"},
		{map[string]string{"ADDR": ":9000", "METRICS_ADDR": ":9000"}, "METRICS_ADDR"},
		{map[string]string{"METRICS_TOKEN": "short"}, "METRICS_TOKEN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConfig("", "", envOf(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.name+":") {
				t.Fatalf("err = %v, want one naming %s", err, tc.name)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error must be one line: %q", err)
			}
		})
	}
}
