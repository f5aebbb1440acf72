package main

import (
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig("", "", envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.DatabaseURL != "" || c.BaseURL != "http://localhost:8080" || c.Sandbox != "local" || c.APIRatePerMin != 100 ||
		c.UnlimitedCredits {
		t.Fatalf("defaults = %+v", c)
	}
	if c, err := loadConfig("", "", envOf(map[string]string{"CREDITS": "Unlimited"})); err != nil || !c.UnlimitedCredits {
		t.Fatalf("CREDITS=Unlimited: %v, unlimited %v", err, c.UnlimitedCredits)
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
		{map[string]string{"CREDITS": "infinite"}, "CREDITS"},
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
