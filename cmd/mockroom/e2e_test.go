package main

import (
	"context"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest/openaifake"
	"github.com/mockroom/mockroom/web"
)

// browserSpecs are the scripts in web/e2e that TestBrowser runs, in order.
var browserSpecs = []string{"signup", "interview", "reconnect", "room", "voice", "admin"}

// browserReady says why the browser tests cannot run here, or "" when they can.
func browserReady(root string) string {
	chromium := os.Getenv("CHROMIUM_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		return "no Chromium at " + chromium + " (install Debian's chromium or set CHROMIUM_PATH)"
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "node is not on PATH"
	}
	if _, err := os.Stat(filepath.Join(root, "web", "node_modules", "playwright-core")); err != nil {
		return "web/node_modules/playwright-core is missing (run npm ci in web/)"
	}
	// What counts is the app embedded in this test binary, not the files on disk.
	if js, _ := fs.Glob(web.Dist, "dist/assets/*.js"); len(js) == 0 {
		return "the embedded web app is the placeholder (run npm run build in web/, then test again)"
	}
	return ""
}

// fakeMicWAV is the microphone of the voice spec: Chromium plays it as the
// capture device, looping. Each 3.2 s cycle is 1.0 s of silence, 0.6 s of
// a voice-like sound (a 200 Hz buzz with two overtones, swelling four times
// a second) and 1.6 s of silence, so the second utterance comes while the
// fake model's answer to the first (about 3.6 s of audio) is still playing:
// the barge-in.
func fakeMicWAV() []byte {
	const rate = 48000
	var cycle []int16
	cycle = append(cycle, make([]int16, rate)...)
	for i := range rate * 6 / 10 {
		x := float64(i) / rate
		swell := 0.7 + 0.3*math.Sin(2*math.Pi*4*x)
		v := swell * (0.25*math.Sin(2*math.Pi*200*x) + 0.15*math.Sin(2*math.Pi*400*x) + 0.08*math.Sin(2*math.Pi*600*x))
		cycle = append(cycle, int16(v*32767))
	}
	cycle = append(cycle, make([]int16, rate*16/10)...)
	var all []int16
	for range 3 {
		all = append(all, cycle...)
	}
	return pcm.WAV(pcm.Encode(all), rate)
}

// TestBrowser starts the whole server in process, on SQLite in a temp
// directory with the local sandbox, and drives it with the system Chromium
// through the scripts in web/e2e (sign-up, a whole interview, a reconnect,
// a spoken interview against a loopback OpenAI Realtime).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests take a minute; -short skips them")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	why := browserReady(root)
	testenv.Need(t, "Chromium", why == "", why)
	ok, sandboxWhy := local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, sandboxWhy)

	// BASE_URL must be known before serve starts: the WebSocket URL handed to
	// the browser is built from it. freeAddr (crash_test.go) picks a port.
	addr := freeAddr(t)
	base := "http://" + addr

	// Voice: the OpenAI Realtime fake, and a loopback control the voice
	// spec calls to take it away (every connection cut, the port closed, so
	// the server's reconnects fail and the room must fall back to text).
	fake := openaifake.New(openaifake.Options{Key: openaifake.DefaultKey})
	var killFake sync.Once
	t.Cleanup(func() { killFake.Do(fake.Close) })
	dataDir := t.TempDir()
	control := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/admin/grant" {
			// The operator's `mockroom admin grant EMAIL`, on the server's database.
			var out, errOut strings.Builder
			err := runAdmin(r.Context(), []string{"grant", "--data", dataDir, r.URL.Query().Get("email")}, func(string) string { return "" }, &out, &errOut)
			if err != nil {
				http.Error(w, err.Error()+" "+errOut.String(), http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.Method != http.MethodPost || r.URL.Path != "/voice/kill" {
			http.NotFound(w, r)
			return
		}
		killFake.Do(fake.Close)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(control.Close)
	mic := filepath.Join(t.TempDir(), "mic.wav")
	if err := os.WriteFile(mic, fakeMicWAV(), 0o644); err != nil {
		t.Fatal(err)
	}
	specEnv := map[string][]string{
		"admin": {"E2E_ADMIN_CONTROL_URL=" + control.URL + "/admin/grant"},
		"voice": {
			"E2E_VOICE_CONTROL_URL=" + control.URL + "/voice/kill",
			// Chromium's fake microphone, granted without a prompt; whitespace-separated.
			"E2E_CHROMIUM_EXTRA_ARGS=--use-fake-ui-for-media-stream --use-fake-device-for-media-stream --use-file-for-fake-audio-capture=" + mic +
				" --autoplay-policy=no-user-gesture-required",
		},
	}

	env := map[string]string{
		"BASE_URL":            base,
		"VOICE_PROVIDER":      "openai",
		"OPENAI_API_KEY":      openaifake.DefaultKey,
		"OPENAI_REALTIME_URL": fake.URL(),
		// The key above is the fake's, for voice only: the text agents stay offline.
		"LLM_PROVIDER": "offline",
		// Every spec signs up from 127.0.0.1.
		"SIGNUPS_PER_ADDRESS_PER_HOUR": "1000",
	}
	cfg, err := loadConfig(addr, dataDir, func(k string) string { return env[k] })
	cfg.SandboxCacheDir = testSandboxCache
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	logs := &lockedBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, logs, func(a string) { ready <- a }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("serve did not stop within 30 s")
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("serve: %v\n%s", err, logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start within 60 s\n%s", logs)
	}

	out := filepath.Join(root, "test-output", "e2e")
	for _, spec := range browserSpecs {
		t.Run(spec, func(t *testing.T) {
			sctx, scancel := context.WithTimeout(ctx, 4*time.Minute)
			defer scancel()
			cmd := exec.CommandContext(sctx, "node", filepath.Join(root, "web", "e2e", spec+".spec.mjs"))
			cmd.Dir = root
			// The server evaluates ended sessions, so the report must arrive.
			cmd.Env = append(os.Environ(), "BASE_URL="+base, "E2E_OUTPUT_DIR="+out, "E2E_REQUIRE_REPORT=1")
			cmd.Env = append(cmd.Env, specEnv[spec]...)
			before := len(logs.String())
			res, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s.spec.mjs: %v\n%s\nserver log during the run:\n%s", spec, err, res, tail(logs.String()[before:], 40))
			}
			lines := strings.Split(strings.TrimSpace(string(res)), "\n")
			t.Logf("%s.spec.mjs: %s", spec, lines[len(lines)-1])
		})
	}
}

// tail keeps the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
