package main

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/judge/admission"
)

// envOf is an environment of m, with the tests' shared sandbox cache unless
// m sets SANDBOX_CACHE_DIR itself.
func envOf(m map[string]string) func(string) string {
	return func(k string) string {
		if v, ok := m[k]; ok || k != "SANDBOX_CACHE_DIR" {
			return v
		}
		return testSandboxCache
	}
}

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig("", "", envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.DatabaseURL != "" || c.BaseURL != "http://localhost:8080" || c.Sandbox != "local" || c.APIRatePerMin != 100 ||
		c.UnlimitedCredits {
		t.Fatalf("defaults = %+v", c)
	}
	if c.ReadHeaderTimeout != 10*time.Second || c.ReadTimeout != 30*time.Second || c.MaxConns != 4096 || c.MaxConnsPerAddr != 64 || c.MetricsAddr != "" || c.MetricsToken != "" {
		t.Fatalf("limit defaults = %+v", c)
	}
	c, err = loadConfig("", "", envOf(map[string]string{"HTTP_READ_TIMEOUT": "1m", "HTTP_READ_HEADER_TIMEOUT": "5s", "MAX_CONNS": "0", "MAX_CONNS_PER_ADDR": "0"}))
	if err != nil || c.ReadTimeout != time.Minute || c.ReadHeaderTimeout != 5*time.Second || c.MaxConns != 0 || c.MaxConnsPerAddr != 0 {
		t.Fatalf("limits from the environment = %+v, %v", c, err)
	}
	if c, err := loadConfig("", "", envOf(map[string]string{"CREDITS": "Unlimited"})); err != nil || !c.UnlimitedCredits {
		t.Fatalf("CREDITS=Unlimited: %v, unlimited %v", err, c.UnlimitedCredits)
	}
	if c.TranscriptRetention != 90*24*time.Hour || c.EventRetention != 7*24*time.Hour {
		t.Fatalf("retention defaults = %v, %v", c.TranscriptRetention, c.EventRetention)
	}
	for v, want := range map[string]time.Duration{"30d": 30 * 24 * time.Hour, "720h": 720 * time.Hour, "0": 0} {
		if c, err := loadConfig("", "", envOf(map[string]string{"TRANSCRIPT_RETENTION": v})); err != nil || c.TranscriptRetention != want {
			t.Fatalf("TRANSCRIPT_RETENTION=%s: %v, %v", v, c.TranscriptRetention, err)
		}
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
		{map[string]string{"SANDBOX_MAX_CONCURRENT": "0"}, "SANDBOX_MAX_CONCURRENT"},
		{map[string]string{"SANDBOX_MAX_PER_USER": "two"}, "SANDBOX_MAX_PER_USER"},
		{map[string]string{"SANDBOX_QUEUE_MAX": "-1"}, "SANDBOX_QUEUE_MAX"},
		{map[string]string{"SANDBOX_MEMORY_BUDGET": "lots"}, "SANDBOX_MEMORY_BUDGET"},
		{map[string]string{"SANDBOX_MEMORY_BUDGET": "256MiB"}, "SANDBOX_MEMORY_BUDGET"},
		{map[string]string{"SANDBOX_QUEUE_WAIT": "30"}, "SANDBOX_QUEUE_WAIT"},
		{map[string]string{"SANDBOX_QUEUE_WAIT": "1h"}, "SANDBOX_QUEUE_WAIT"},
		{map[string]string{"RUN_LIMIT_PER_SESSION_PER_MINUTE": "0"}, "RUN_LIMIT_PER_SESSION_PER_MINUTE"},
		{map[string]string{"RUN_LIMIT_PER_USER_PER_HOUR": "1.5"}, "RUN_LIMIT_PER_USER_PER_HOUR"},
		{map[string]string{"HTTP_READ_TIMEOUT": "fast"}, "HTTP_READ_TIMEOUT"},
		{map[string]string{"HTTP_READ_TIMEOUT": "0s"}, "HTTP_READ_TIMEOUT"},
		{map[string]string{"HTTP_READ_HEADER_TIMEOUT": "-1s"}, "HTTP_READ_HEADER_TIMEOUT"},
		{map[string]string{"HTTP_READ_HEADER_TIMEOUT": "20s", "HTTP_READ_TIMEOUT": "5s"}, "HTTP_READ_HEADER_TIMEOUT"},
		{map[string]string{"MAX_CONNS": "-1"}, "MAX_CONNS"},
		{map[string]string{"VOICE_PROVIDER": "skype"}, "VOICE_PROVIDER"},
		{map[string]string{"VOICE_PROVIDER": "gemini"}, "VOICE_PROVIDER"}, // no GEMINI_API_KEY
		{map[string]string{"OPENAI_REALTIME_URL": "api.openai.com"}, "OPENAI_REALTIME_URL"},
		{map[string]string{"GEMINI_LIVE_URL": "ftp://x"}, "GEMINI_LIVE_URL"},
		{map[string]string{"VOICE_LOCAL_URL": "localhost:8000"}, "VOICE_LOCAL_URL"},
		{map[string]string{"VOICE_LOCAL_FORMAT": "mp3"}, "VOICE_LOCAL_FORMAT"},
		{map[string]string{"VOICE_MINUTES_PER_MONTH": "-1"}, "VOICE_MINUTES_PER_MONTH"},
		{map[string]string{"VOICE_IDLE_TIMEOUT": "1s"}, "VOICE_IDLE_TIMEOUT"},
		{map[string]string{"VOICE_PRICES": "gpt-realtime=cheap"}, "VOICE_PRICES"},
		{map[string]string{"MAX_CONNS_PER_ADDR": "lots"}, "MAX_CONNS_PER_ADDR"},
		{map[string]string{"MAX_CONNS": "10", "MAX_CONNS_PER_ADDR": "20"}, "MAX_CONNS_PER_ADDR"},
		{map[string]string{"METRICS_ADDR": "nowhere"}, "METRICS_ADDR"},
		{map[string]string{"ADDR": ":9000", "METRICS_ADDR": ":9000"}, "METRICS_ADDR"},
		{map[string]string{"METRICS_TOKEN": "short"}, "METRICS_TOKEN"},
		{map[string]string{"CREDITS": "infinite"}, "CREDITS"},
		{map[string]string{"TRANSCRIPT_RETENTION": "forever"}, "TRANSCRIPT_RETENTION"},
		{map[string]string{"TRANSCRIPT_RETENTION": "1h"}, "TRANSCRIPT_RETENTION"},
		{map[string]string{"TRANSCRIPT_RETENTION": "-5d"}, "TRANSCRIPT_RETENTION"},
		{map[string]string{"EVENT_RETENTION": "0"}, "EVENT_RETENTION"},
		{map[string]string{"EVENT_RETENTION": "10m"}, "EVENT_RETENTION"},
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

func TestAccountSettings(t *testing.T) {
	for _, tc := range []struct {
		name        string
		addr        string
		env         map[string]string
		wantSignups string
		wantErr     string
	}{
		{"loopback without mail: open", "127.0.0.1:8080", nil, "open", ""},
		{"localhost without mail: open", "localhost:8080", nil, "open", ""},
		{"all interfaces without mail: invite", ":8080", nil, "invite", ""},
		{"public address with mail: open", ":8080", map[string]string{"SMTP_URL": "smtp://mail.example.com:587"}, "open", ""},
		{"set explicitly", ":8080", map[string]string{"SIGNUPS": "closed"}, "closed", ""},
		{"unknown mode", ":8080", map[string]string{"SIGNUPS": "everyone"}, "", "SIGNUPS"},
		{"bad SMTP URL", ":8080", map[string]string{"SMTP_URL": "mail.example.com"}, "", "SMTP_URL"},
		{"bad From", ":8080", map[string]string{"SMTP_URL": "smtp://m.example.com", "MAIL_FROM": "not an address"}, "", "MAIL_FROM"},
		{"bad proxies", ":8080", map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8,lb.internal"}, "", "TRUSTED_PROXIES"},
		{"bad rate", ":8080", map[string]string{"SIGNUPS_PER_HOUR": "0"}, "", "SIGNUPS_PER_HOUR"},
		{"bad rate per address", ":8080", map[string]string{"SIGNUPS_PER_ADDRESS_PER_HOUR": "many"}, "", "SIGNUPS_PER_ADDRESS_PER_HOUR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.addr, "/tmp/x", envOf(tc.env))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil || c.Signups != tc.wantSignups {
				t.Fatalf("Signups = %q, %v; want %q", c.Signups, err, tc.wantSignups)
			}
		})
	}
	c, err := loadConfig(":8080", "/tmp/x", envOf(map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7", "SMTP_URL": "smtps://u:p@mail.example.com", "BASE_URL": "https://mock.example.com"}))
	if err != nil || len(c.TrustedProxies) != 2 || c.MailFrom != "mockroom <noreply@mock.example.com>" {
		t.Fatalf("config = %+v, %v", c, err)
	}
}

// The execution queue and the run limits: the seed's defaults (the host's
// CPUs and half its memory for the queue), or the variables' values.
func TestLoadConfigRunLimits(t *testing.T) {
	c, err := loadConfig("", "", envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	host := admission.HostMemory() / 2
	want := admission.Limits{MaxConcurrent: runtime.NumCPU(), MaxPerUser: 1, MemoryBudget: max(host, 1<<30), MaxQueue: 10 * runtime.NumCPU(), MaxWait: 30 * time.Second}
	if c.Admission != want || c.RunsPerSessionPerMinute != 3 || c.RunsPerUserPerHour != 50 || c.InterviewerPatience != 3*time.Minute {
		t.Fatalf("defaults: queue %+v (want %+v), runs %d a minute, %d an hour", c.Admission, want, c.RunsPerSessionPerMinute, c.RunsPerUserPerHour)
	}
	c, err = loadConfig("", "", envOf(map[string]string{
		"SANDBOX_MAX_CONCURRENT": "6", "SANDBOX_MAX_PER_USER": " 2 ", "SANDBOX_MEMORY_BUDGET": "12GiB", "SANDBOX_QUEUE_MAX": "40",
		"SANDBOX_QUEUE_WAIT": "45s", "RUN_LIMIT_PER_SESSION_PER_MINUTE": "5", "RUN_LIMIT_PER_USER_PER_HOUR": "200", "INTERVIEWER_PATIENCE": "90s",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want = admission.Limits{MaxConcurrent: 6, MaxPerUser: 2, MemoryBudget: 12 << 30, MaxQueue: 40, MaxWait: 45 * time.Second}
	if c.Admission != want || c.RunsPerSessionPerMinute != 5 || c.RunsPerUserPerHour != 200 || c.InterviewerPatience != 90*time.Second {
		t.Fatalf("set: queue %+v (want %+v), runs %d a minute, %d an hour", c.Admission, want, c.RunsPerSessionPerMinute, c.RunsPerUserPerHour)
	}
	for _, v := range []string{"3", "10s", "1h", "soon"} {
		if _, err := loadConfig("", "", envOf(map[string]string{"INTERVIEWER_PATIENCE": v})); err == nil || !strings.Contains(err.Error(), "INTERVIEWER_PATIENCE") {
			t.Errorf("INTERVIEWER_PATIENCE=%s: %v", v, err)
		}
	}
	// The queue's length follows the concurrency unless it is set.
	c, _ = loadConfig("", "", envOf(map[string]string{"SANDBOX_MAX_CONCURRENT": "3"}))
	if c.Admission.MaxQueue != 30 {
		t.Fatalf("queue for 3 concurrent runs = %d, want 30", c.Admission.MaxQueue)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1073741824": 1 << 30, "512MiB": 512 << 20, "4G": 4 << 30, "4 GB": 4 << 30, "1.5GiB": 3 << 29, "2048k": 2 << 20} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GiB", "-1G", "4XB", "0", "1e30"} {
		if _, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) accepted", in)
		}
	}
}

func TestSandboxCacheDir(t *testing.T) {
	for _, tc := range []struct{ env, data, want string }{
		{"", "/var/lib/mockroom", "/var/lib/mockroom/sandbox"},
		{"  ", "./data", "data/sandbox"},
		{"/var/cache/mockroom", "/var/lib/mockroom", "/var/cache/mockroom"},
	} {
		c, err := loadConfig("", tc.data, envOf(map[string]string{"SANDBOX_CACHE_DIR": tc.env}))
		if err != nil {
			t.Fatal(err)
		}
		if got := sandboxCacheDir(c.SandboxCacheDir, c.DataDir); got != tc.want {
			t.Errorf("SANDBOX_CACHE_DIR=%q DATA_DIR=%q: %q, want %q", tc.env, tc.data, got, tc.want)
		}
	}
}
