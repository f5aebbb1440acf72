package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/net/netutil"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/admin/authoring"
	"github.com/mockroom/mockroom/agents/evaluator"
	"github.com/mockroom/mockroom/agents/interviewer"
	"github.com/mockroom/mockroom/agents/observer"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/efficiency"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/governance"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/mail/smtp"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/transport/httpapi"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/voice/relay"
	"github.com/mockroom/mockroom/web"
)

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

// serve runs the server until ctx ends, then drains in order: HTTP first,
// then the database. ready, when set, learns the bound address.
func serve(ctx context.Context, cfg Config, logOut io.Writer, ready func(addr string)) error {
	obs, err := startObservability(ctx, cfg.Observability, cfg.LogLevel, logOut)
	if err != nil {
		return err
	}
	defer obs.Close() // last: flushes what everything else reported on its way out
	log := obs.log
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

	shared, err := newSharedState(ctx, cfg, clock, log)
	if err != nil {
		return err
	}
	defer shared.Close() // after the hub has shut down
	limiter := shared.Limiter
	accounts, err := newAccounts(cfg, db, limiter, clock, log)
	if err != nil {
		return err
	}
	defer accounts.Close() // after HTTP has drained: mails still being sent go out

	runner, err := newRunner(cfg, log)
	if err != nil {
		return err
	}
	defer runner.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	judges := judge.NewService(runner, db, log)
	queue, closeQueue, err := newAdmission(ctx, cfg, runner, reg, log)
	if err != nil {
		return err
	}
	defer closeQueue()
	judges.SetAdmission(queue)
	log.Info("sandbox ready", "mode", cfg.Sandbox, "languages", judges.Languages())
	// Problems published from the admin console go back over the library's
	// sync (each that differs from problems/ is logged).
	authored := authoring.New(db, judges, log, authoring.Options{})
	if err := authored.RestorePublished(ctx); err != nil {
		return err
	}
	// A provider that cannot be built stops the start; with none (offline)
	// the agents use their built-in engines.
	llmClient, err := newLLMClient(cfg, db, log)
	if err != nil {
		return err
	}
	log.Info("model service", "provider", cfg.LLM.Provider, "why", cfg.LLM.Why, "base_url", cfg.LLM.redactedBaseURL(),
		"interviewer", cfg.LLM.InterviewerModel, "observer", cfg.LLM.ObserverModel, "evaluator", cfg.LLM.EvaluatorModel, "attempt_timeout", cfg.LLM.Timeout.String())
	icfg := interview.Config{RunsPerMinute: cfg.RunsPerSessionPerMinute, ExecsPerHour: cfg.RunsPerUserPerHour, UnlimitedCredits: cfg.UnlimitedCredits,
		Patience: cfg.InterviewerPatience}
	// The interviewer: the offline engine, or a model that falls back to it
	// for any turn it cannot answer.
	var iv interview.Interviewer = interviewer.Offline{}
	if llmClient != nil {
		iv = interviewer.NewModel(llmClient, cfg.LLM.InterviewerModel, &interviewer.Offline{})
	}
	icfg.Names = governance.ProfileNames(db) // redacted from transcripts
	icfg.Presence = shared.Presence
	interviews := interview.NewService(db, db, judges, iv, limiter, clock, log, icfg)
	q, ic := cfg.Admission, interviews.Config()
	log.Info("execution limits", "max_concurrent", q.MaxConcurrent, "max_per_user", q.MaxPerUser, "memory_budget_mib", q.MemoryBudget>>20,
		"queue_max", q.MaxQueue, "queue_wait", q.MaxWait.String(), "runs_per_session_minute", ic.RunsPerMinute, "runs_per_user_hour", ic.ExecsPerHour)
	// The evaluator: with a model service, the model judges and the offline
	// evaluator takes over on any failure; with none, offline.
	var evaluatorEngine evaluation.Evaluator = evaluator.NewOffline()
	if llmClient != nil {
		evaluatorEngine = evaluator.NewModel(llmClient, cfg.LLM.EvaluatorModel, evaluator.NewOffline())
	}
	evaluations := evaluation.NewService(db, db, db, evaluatorEngine, clock, log)
	hub := realtime.NewHub(interviews, realtime.NewTokens([]byte(cfg.RealtimeSecret), shared.Nonces, clock), log, clock,
		realtime.Config{OriginPatterns: originHosts(cfg.TrustedOrigins), Fanout: shared.Fanout})

	bus, closeBus, err := newBus(ctx, cfg.RedisURL, db, log)
	if err != nil {
		return err
	}
	defer closeBus()
	bus.Subscribe(interview.InterviewerGroup, []string{events.CodeExecuted, events.CodeObserved}, interviews.HandleEvent)
	bus.Subscribe(evaluation.Group, []string{events.SessionEnded}, evaluations.HandleEvent)
	// Payments: the webhook queues verified Stripe events; this group
	// applies them to the ledger exactly once.
	payments := newPayments(cfg.Payments, db, bus, log)
	if payments != nil {
		bus.Subscribe(billing.Group, []string{events.PaymentsStripeEvent}, payments.HandleEvent)
	}
	// The efficiency probe: accepted submits timed on growing inputs, after
	// the verdict.
	if cfg.ProbeBudget > 0 {
		probes := efficiency.NewService(db, db, judges, clock, log, efficiency.Options{Budget: cfg.ProbeBudget})
		bus.Subscribe(efficiency.Group, []string{events.CodeExecuted}, probes.HandleEvent)
	}
	// The code observer: toolchain syntax checks in the sandbox and static
	// analysis, on the code the candidate paused on.
	offlineObserver := observer.NewOffline(observer.NewSyntaxChecker(runner), log)
	var codeObserver observer.Observer = offlineObserver
	if llmClient != nil {
		codeObserver = observer.NewModel(llmClient, cfg.LLM.ObserverModel, offlineObserver)
	}
	observations := observer.NewService(codeObserver, db, db, bus, clock, log, observer.Config{})
	observations.SetNotifier(hub)
	hub.SetObservations(observations)
	// Voice: the relay owns each spoken interview's speech-model connection.
	voices := newRelay(cfg.Voice, interviews, db, log, clock, relay.NewMetrics(reg))
	if voices.Enabled() {
		hub.SetVoice(voices)
	}
	log.Info("voice", "providers", strings.Join(cfg.Voice.configured(), ","), "order", strings.Join(cfg.Voice.Providers, ","),
		"enabled", voices.Enabled(), "minutes_per_month", int(cfg.Voice.MonthlyLimit/time.Minute))
	bus.Subscribe(observer.Group, observer.Topics, observations.HandleEvent)
	defer observations.Close() // before the bus and the sandbox close
	busName := "embedded queue"
	if cfg.RedisURL != "" {
		busName = "redis streams"
	}
	log.Info("event bus ready", "bus", busName)

	govCfg := governance.Config{TranscriptRetention: cfg.TranscriptRetention, EventRetention: cfg.EventRetention}
	if payments != nil {
		// Nobody is billed after their account is gone: the deletion
		// stops if Stripe cannot cancel the subscription.
		govCfg.BeforeDelete = append(govCfg.BeforeDelete, payments.CancelAllNow)
	}
	governed := governance.NewService(db, accounts, db, limiter, clock, log, govCfg)
	log.Info("data governance", "transcript_retention", cfg.TranscriptRetention.String(), "event_retention", cfg.EventRetention.String())

	// The sweeper (timers, abandonment, auto snapshots) and retention run
	// on one instance of a cluster: the elected leader.
	lock, lockKind, closeLock, err := newLeaderLock(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeLock()
	log.Info("singleton work", "election", lockKind)

	// Workers stop after HTTP has drained (deferred, so before the bus and
	// the database close).
	workers, stopWorkers := context.WithCancel(context.Background())
	var workersDone sync.WaitGroup
	workersDone.Add(2)
	go func() {
		defer workersDone.Done()
		runSingletons(workers, lock, reg, log, func(ctx context.Context) {
			var retention sync.WaitGroup
			retention.Add(1)
			go func() { defer retention.Done(); governed.RunRetention(ctx, time.Hour) }()
			interviews.RunSweeper(ctx, 2*time.Second)
			retention.Wait()
		})
	}()
	go func() {
		defer workersDone.Done()
		if err := bus.Run(workers); err != nil && workers.Err() == nil {
			log.Error("event bus stopped", "err", err)
		}
	}()
	defer func() { stopWorkers(); workersDone.Wait() }()

	metrics := httpapi.NewMetrics(reg, reg)
	var oauth []httpapi.OAuthProvider
	if cfg.GitHubClientID != "" {
		oauth = append(oauth, httpapi.GitHub(cfg.GitHubClientID, cfg.GitHubClientSecret))
	}
	if cfg.GoogleClientID != "" {
		oauth = append(oauth, httpapi.Google(cfg.GoogleClientID, cfg.GoogleClientSecret))
	}
	handler := httpapi.NewServer(httpapi.Config{
		BaseURL: cfg.BaseURL, Version: version, APIRequestsPerMinute: cfg.APIRatePerMin,
		OAuth: oauth, TrustedOrigins: cfg.TrustedOrigins, TrustedProxies: cfg.TrustedProxies, MetricsToken: cfg.MetricsToken, MetricsElsewhere: cfg.MetricsAddr != "",
		UnlimitedCredits: cfg.UnlimitedCredits,
	}, httpapi.Deps{
		Logger: log, Clock: clock, Accounts: accounts, Ledger: db, Payments: payments, Problems: db, Interviews: interviews, Evaluations: evaluations, Realtime: hub,
		Health: db, Limiter: limiter, Languages: judges.Languages, Web: web.Handler(), Metrics: metrics, Governance: governed,
		AdminStore: db, Authoring: authored, Audit: auditFunc(db),
	})

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return &configError{"ADDR", err.Error()}
	}
	// A refused connection costs an accept and a close; past MAX_CONNS the
	// accept waits instead, so file descriptors never run out.
	ln = httpapi.LimitPerAddr(ln, cfg.MaxConnsPerAddr)
	if cfg.MaxConns > 0 {
		ln = netutil.LimitListener(ln, cfg.MaxConns)
	}
	srv := newHTTPServer(cfg, obs.HTTP(handler), log)
	var metricsSrv *http.Server
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return &configError{"METRICS_ADDR", err.Error()}
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", metrics.Handler(cfg.MetricsToken))
		metricsSrv = newHTTPServer(cfg, mux, log)
		log.Info("metrics listening", "addr", mln.Addr().String())
		go func() {
			if err := metricsSrv.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("metrics listener stopped", "err", err)
			}
		}()
	}
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
	go voices.Shutdown(shutCtx) // records each spoken interview's usage
	go hub.Shutdown(shutCtx)    // hijacked WebSocket connections are not drained by srv.Shutdown
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	if metricsSrv != nil {
		metricsSrv.Shutdown(shutCtx)
	}
	hub.Shutdown(shutCtx)
	interviews.Close() // stops the interviewer's pending replies; the candidates' lines are already stored
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// newAccounts builds the account service with its mail path, and says at
// start who may sign up and why.
func newAccounts(cfg Config, db storage.DB, limiter ratelimit.Limiter, clock mockroom.Clock, log *slog.Logger) (*account.Service, error) {
	acfg := account.Config{SignupCredits: billing.SignupCredits, Signups: cfg.Signups, BaseURL: cfg.BaseURL,
		SignupsPerHour: cfg.SignupsPerHour, SignupsPerAddress: cfg.SignupsPerAddr, Log: log}
	if cfg.SMTPURL != "" {
		m, err := smtp.New(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, &configError{"SMTP_URL", err.Error()}
		}
		acfg.Mailer = m
	}
	why := "set by SIGNUPS"
	if cfg.SignupsDefault {
		switch {
		case cfg.SMTPURL != "":
			why = "default with SMTP_URL: every address is verified by mail"
		case loopback(cfg.Addr):
			why = "default on a loopback address: only this machine can sign up"
		default:
			why = "default without SMTP_URL off loopback: addresses cannot be verified; make invites with `mockroom invite EMAIL`"
		}
	}
	log.Info("accounts ready", "signups", cfg.Signups, "why", why, "mail", cfg.SMTPURL != "",
		"trusted_proxies", len(cfg.TrustedProxies), "first_account", "becomes admin")
	return account.NewService(db, limiter, clock, acfg), nil
}

// invite makes a single-use sign-up link for one address (SIGNUPS=invite)
// and prints it.
func invite(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("invite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory (env DATA_DIR, default ./data)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: mockroom invite [--data DIR] EMAIL")
		return errUsage
	}
	cfg, err := loadConfig("", *data, getenv)
	if err != nil {
		return err
	}
	clock := mockroom.SystemClock{}
	db, err := storage.Open(ctx, cfg.DatabaseURL, cfg.DataDir, clock)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts := account.NewService(db, ratelimit.NewMemory(clock), clock, account.Config{BaseURL: cfg.BaseURL})
	link, expires, err := accounts.CreateInvite(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n(single use, for %s only, valid until %s)\n", link, strings.ToLower(strings.TrimSpace(fs.Arg(0))), expires.Format(time.RFC1123))
	return nil
}

// newHTTPServer bounds how long a client may take to send a request, so that
// slow headers or a dribbled body cannot hold connections for minutes. There
// is no write timeout: an execution's answer may take as long as the judge.
func newHTTPServer(cfg Config, h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: cfg.ReadHeaderTimeout, ReadTimeout: cfg.ReadTimeout,
		IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
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
		return newRemoteRunner(cfg, log)
	}
	r, err := local.New(local.Config{DataDir: sandboxCacheDir(cfg.SandboxCacheDir, cfg.DataDir), Logger: log})
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

// auditFunc appends the API's audit entries to storage's log.
func auditFunc(db storage.DB) httpapi.AuditFunc {
	return func(ctx context.Context, actorID, action, targetType, targetID string, metadata json.RawMessage, ip string) error {
		return db.AppendAudit(ctx, storage.AuditEntry{ActorUserID: actorID, Action: action, TargetType: targetType, TargetID: targetID,
			Metadata: metadata, IP: ip})
	}
}
