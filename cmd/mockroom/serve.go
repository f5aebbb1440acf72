package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/agents/interviewer"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/sandbox/remote"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/transport/httpapi"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/web"
)

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

// serve runs the server until ctx ends, then drains in order: HTTP first,
// then the database. ready, when set, learns the bound address.
func serve(ctx context.Context, cfg Config, logOut io.Writer, ready func(addr string)) error {
	log := newLogger(logOut, cfg.LogLevel)
	slog.SetDefault(log)
	clock := mockroom.SystemClock{}

	db, err := storage.Open(ctx, cfg.DatabaseURL, cfg.DataDir, clock)
	if err != nil {
		return err
	}
	defer db.Close()
	engine := "sqlite"
	if cfg.DatabaseURL != "" {
		engine = "postgres"
	}
	log.Info("storage ready", "engine", engine, "data_dir", cfg.DataDir)

	if err := syncProblems(ctx, db, log); err != nil {
		return err
	}

	limiter := ratelimit.NewMemory(clock)
	accounts := account.NewService(db, limiter, clock, billing.SignupCredits)

	runner, err := newRunner(cfg, log)
	if err != nil {
		return err
	}
	defer runner.Close()
	judges := judge.NewService(runner, db, log)
	log.Info("sandbox ready", "mode", cfg.Sandbox, "languages", judges.Languages())
	interviews := interview.NewService(db, db, judges, interviewer.Offline{}, limiter, clock, log, interview.Config{UnlimitedCredits: cfg.UnlimitedCredits})
	hub := realtime.NewHub(interviews, realtime.NewTokens([]byte(cfg.RealtimeSecret), realtime.NewMemoryNonces(clock), clock), log, clock,
		realtime.Config{OriginPatterns: originHosts(cfg.TrustedOrigins)})

	bus, closeBus, err := newBus(ctx, cfg.RedisURL, db, log)
	if err != nil {
		return err
	}
	defer closeBus()
	bus.Subscribe(interview.InterviewerGroup, []string{events.CodeExecuted}, interviews.HandleEvent)
	busName := "embedded queue"
	if cfg.RedisURL != "" {
		busName = "redis streams"
	}
	log.Info("event bus ready", "bus", busName)

	// Workers stop after HTTP has drained (deferred, so before the bus and
	// the database close).
	workers, stopWorkers := context.WithCancel(context.Background())
	var workersDone sync.WaitGroup
	workersDone.Add(2)
	go func() { defer workersDone.Done(); interviews.RunSweeper(workers, 2*time.Second) }()
	go func() {
		defer workersDone.Done()
		if err := bus.Run(workers); err != nil && workers.Err() == nil {
			log.Error("event bus stopped", "err", err)
		}
	}()
	defer func() { stopWorkers(); workersDone.Wait() }()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	var oauth []httpapi.OAuthProvider
	if cfg.GitHubClientID != "" {
		oauth = append(oauth, httpapi.GitHub(cfg.GitHubClientID, cfg.GitHubClientSecret))
	}
	if cfg.GoogleClientID != "" {
		oauth = append(oauth, httpapi.Google(cfg.GoogleClientID, cfg.GoogleClientSecret))
	}
	handler := httpapi.NewServer(httpapi.Config{
		BaseURL: cfg.BaseURL, Version: version, APIRequestsPerMinute: cfg.APIRatePerMin,
		OAuth: oauth, TrustedOrigins: cfg.TrustedOrigins, UnlimitedCredits: cfg.UnlimitedCredits,
	}, httpapi.Deps{
		Logger: log, Clock: clock, Accounts: accounts, Ledger: db, Problems: db, Interviews: interviews, Realtime: hub,
		Health: db, Limiter: limiter, Languages: judges.Languages, Web: web.Handler(), Metrics: httpapi.NewMetrics(reg, reg),
	})

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return &configError{"ADDR", err.Error()}
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("mockroom listening", "addr", ln.Addr().String(), "url", cfg.BaseURL, "version", version)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Shutdown in order: stop taking requests and drain them, tell realtime
	// clients to reconnect, then the workers, then (deferred) the sandbox and
	// the database.
	log.Info("shutting down: draining requests")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	srv.SetKeepAlivesEnabled(false)
	go hub.Shutdown(shutCtx) // hijacked WebSocket connections are not drained by srv.Shutdown
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	hub.Shutdown(shutCtx)
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// migrate applies migrations and exits, for operators who run them before a deploy.
func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory (env DATA_DIR, default ./data)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig("", *data, getenv)
	if err != nil {
		return err
	}
	if err := storage.Migrate(ctx, cfg.DatabaseURL, cfg.DataDir); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "migrations applied")
	return nil
}

// syncProblems loads the embedded problem library into the store (an
// idempotent upsert by slug), so a fresh database has every problem.
func syncProblems(ctx context.Context, db storage.DB, log *slog.Logger) error {
	start := time.Now()
	if err := problems.Sync(ctx, db); err != nil {
		return err
	}
	log.Info("problem library loaded", "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// newRunner builds the sandbox the configuration asks for.
func newRunner(cfg Config, log *slog.Logger) (sandbox.Runner, error) {
	if cfg.Sandbox == "remote" {
		r, err := remote.New(cfg.SandboxURL, cfg.SandboxToken)
		if err != nil {
			return nil, &configError{"SANDBOX_URL", err.Error()}
		}
		return r, nil
	}
	r, err := local.New(local.Config{DataDir: filepath.Join(cfg.DataDir, "sandbox"), Logger: log})
	if err != nil {
		return nil, fmt.Errorf("%w (set SANDBOX=remote with SANDBOX_URL to use a remote execution engine)", err)
	}
	return r, nil
}

// originHosts turns TRUSTED_ORIGINS into the WebSocket origin patterns.
func originHosts(origins []string) []string {
	var out []string
	for _, o := range origins {
		if u, err := url.Parse(o); err == nil {
			out = append(out, u.Host)
		}
	}
	return out
}
