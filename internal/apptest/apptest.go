// Package apptest assembles the whole server for tests: real SQLite storage,
// the real local sandbox and judge, the interview service, the realtime hub
// and the HTTP API on a loopback listener, plus a browser-like client.
package apptest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

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
	"github.com/mockroom/mockroom/events/sqlqueue"
	"github.com/mockroom/mockroom/governance"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/postgres"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/storage/storagetest"
	"github.com/mockroom/mockroom/transport/httpapi"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/relay"
)

var (
	runnerOnce sync.Once
	runner     *local.Runner
	runnerErr  error
)

// Runner is the real local sandbox, one per test binary.
func Runner(t testing.TB) *local.Runner {
	t.Helper()
	ok, why := local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, why)
	runnerOnce.Do(func() { runner, runnerErr = local.New(local.Config{Logger: slog.New(slog.DiscardHandler)}) })
	if runnerErr != nil {
		t.Fatal(runnerErr)
	}
	return runner
}

// Options change the assembled app.
type Options struct {
	Config    httpapi.Config
	Interview interview.Config
	Realtime  realtime.Config
	Clock     mockroom.Clock
	Problems  bool // load the embedded problem library
	Postgres  bool // PostgreSQL in a fresh schema (row-level security on) instead of SQLite
	Mutate    func(*httpapi.Config, *httpapi.Deps)
	// Account configures the account service. SignupCredits 0 means
	// billing.SignupCredits; with no sign-up throttles set, they are high
	// enough for a test that makes many accounts from one loopback address.
	Account   account.Config
	Admission admission.Queue                     // the judge's execution queue; nil: the default limits
	Runner    func(sandbox.Runner) sandbox.Runner // wraps the real sandbox (to count or hold runs)
	// Interviewer replaces the offline interviewer (a slow or failing double).
	Interviewer interview.Interviewer
	// Observer, when set, runs the offline code observer with this
	// configuration on the bus, as serve does (App.Observer).
	Observer *observer.Config
	// Subscribe adds consumers to the event bus before it runs (a test
	// listening for the events a feature publishes).
	Subscribe func(events.Bus)
	// Evaluator evaluates ended sessions (nil: the offline evaluator, as
	// serve runs it).
	Evaluator evaluation.Evaluator
	// NoEvaluator subscribes no evaluator: reports stay pending.
	NoEvaluator bool
	// Peer, when set, makes this app another instance of the peer: it
	// shares the peer's database and realtime token secret (shared state
	// such as presence, nonces and the fan-out comes from the options).
	Peer *App
	// Nonces is the realtime token nonce set (nil: in memory).
	Nonces realtime.Nonces
	// NoProbe subscribes no efficiency probe.
	NoProbe bool
	// Voice, when set, runs the voice relay with this configuration
	// (App.Voice), as serve does with a speech model configured.
	Voice *relay.Config
	// VoiceUsage, when set, wraps the store the voice relay records usage
	// in (a test that loses an instance's writes, as a crash would).
	VoiceUsage func(voice.UsageStore) voice.UsageStore
	// Payments, when set, builds the payments service on the app's store
	// and bus; it is subscribed and served as serve does with a Stripe key.
	Payments func(store billing.PaymentStore, bus billing.Publisher) *billing.Service
}

// Engines names the storage engines tests run against.
var Engines = []string{"sqlite", "postgres"}

// App is a running server.
type App struct {
	T          testing.TB
	DB         storage.DB
	Server     *httptest.Server
	Interviews *interview.Service
	Hub        *realtime.Hub
	Limiter    *ratelimit.Memory
	Accounts   *account.Service
	// Evaluations is the evaluation service, subscribed to session.ended
	// unless Options.NoEvaluator.
	Evaluations *evaluation.Service
	Observer    *observer.Service // nil unless Options.Observer
	Voice       *relay.Relay      // nil unless Options.Voice
	secret      []byte            // realtime tokens' signing key
}

// New starts the app; everything is torn down with the test.
func New(t testing.TB, o Options) *App {
	t.Helper()
	ctx := context.Background()
	clock := o.Clock
	if clock == nil {
		clock = mockroom.SystemClock{}
	}
	var db storage.DB
	var err error
	if o.Peer != nil {
		db = o.Peer.DB
	} else if o.Postgres {
		tt, ok := t.(*testing.T)
		if !ok {
			t.Fatal("apptest: PostgreSQL needs a *testing.T")
		}
		db, err = postgres.Open(ctx, storagetest.FreshPostgres(tt), clock)
	} else {
		dir := t.TempDir()
		if o.Problems {
			// A copy of a database that already holds the library: syncing
			// it takes seconds under the race detector, for every app.
			if err := copyLibraryDB(dir); err != nil {
				t.Fatal(err)
			}
		}
		db, err = sqlite.Open(ctx, dir, clock)
	}
	if err != nil {
		t.Fatal(err)
	}
	if o.Peer == nil {
		t.Cleanup(func() { db.Close() })
	}
	if o.Problems && o.Postgres && o.Peer == nil {
		if err := problems.Sync(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.DiscardHandler)
	limiter := ratelimit.NewMemory(clock)
	var r sandbox.Runner = Runner(t)
	if o.Runner != nil {
		r = o.Runner(r)
	}
	judges := judge.NewService(r, db, log)
	if o.Admission != nil {
		judges.SetAdmission(o.Admission)
	}
	var iv interview.Interviewer = interviewer.Offline{}
	if o.Interviewer != nil {
		iv = o.Interviewer
	}
	icfg := o.Interview
	if icfg.Names == nil {
		icfg.Names = governance.ProfileNames(db)
	}
	interviews := interview.NewService(db, db, judges, iv, limiter, clock, log, icfg)
	secret := make([]byte, 32)
	rand.Read(secret)
	if o.Peer != nil {
		secret = o.Peer.secret
	}
	nonces := o.Nonces
	if nonces == nil {
		nonces = realtime.NewMemoryNonces(clock)
	}
	hub := realtime.NewHub(interviews, realtime.NewTokens(secret, nonces, clock), log, clock, o.Realtime)
	var voices *relay.Relay
	if o.Voice != nil {
		var usage voice.UsageStore = db
		if o.VoiceUsage != nil {
			usage = o.VoiceUsage(usage)
		}
		voices = relay.New(interviews, usage, log, clock, *o.Voice)
		hub.SetVoice(voices)
	}
	// The embedded event bus with the interviewer's consumer, as serve runs it.
	bus := sqlqueue.New(db, sqlqueue.Options{Log: log, Poll: 50 * time.Millisecond})
	bus.Subscribe(interview.InterviewerGroup, []string{events.CodeExecuted, events.CodeObserved}, interviews.HandleEvent)
	var ev evaluation.Evaluator = evaluator.NewOffline()
	if o.Evaluator != nil {
		ev = o.Evaluator
	}
	evaluations := evaluation.NewService(db, db, db, ev, clock, log)
	if !o.NoEvaluator {
		bus.Subscribe(evaluation.Group, []string{events.SessionEnded}, evaluations.HandleEvent)
	}
	var observations *observer.Service
	if o.Observer != nil {
		observations = observer.NewService(observer.NewOffline(observer.NewSyntaxChecker(r), log), db, db, bus, clock, log, *o.Observer)
		observations.SetNotifier(hub)
		hub.SetObservations(observations)
		bus.Subscribe(observer.Group, observer.Topics, observations.HandleEvent)
		t.Cleanup(observations.Close)
	}
	if !o.NoProbe {
		probes := efficiency.NewService(db, db, judges, clock, log, efficiency.Options{})
		bus.Subscribe(efficiency.Group, []string{events.CodeExecuted}, probes.HandleEvent)
	}
	var payments *billing.Service
	if o.Payments != nil {
		payments = o.Payments(db, bus)
		bus.Subscribe(billing.Group, []string{events.PaymentsStripeEvent}, payments.HandleEvent)
	}
	if o.Subscribe != nil {
		o.Subscribe(bus)
	}
	busCtx, stopBus := context.WithCancel(context.Background())
	busDone := make(chan struct{})
	go func() { defer close(busDone); bus.Run(busCtx) }()
	t.Cleanup(func() { stopBus(); <-busDone })
	cfg := o.Config
	if cfg.APIRequestsPerMinute == 0 {
		cfg.APIRequestsPerMinute = 100000
	}
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if voices != nil {
			voices.Shutdown(sctx)
		}
		hub.Shutdown(sctx)
		srv.Close()
		interviews.Close()
	})
	if cfg.BaseURL == "" {
		cfg.BaseURL = srv.URL
	}
	acfg := o.Account
	if acfg.SignupCredits == 0 {
		acfg.SignupCredits = billing.SignupCredits
	}
	if acfg.SignupsPerHour == 0 && acfg.SignupsPerAddress == 0 {
		acfg.SignupsPerHour, acfg.SignupsPerAddress = 100000, 100000
	}
	if acfg.Log == nil {
		acfg.Log = log
	}
	if acfg.BaseURL == "" {
		acfg.BaseURL = cfg.BaseURL
	}
	accounts := account.NewService(db, limiter, clock, acfg)
	t.Cleanup(accounts.Close)
	govCfg := governance.Config{TranscriptRetention: governance.DefaultTranscriptRetention}
	if payments != nil {
		govCfg.BeforeDelete = append(govCfg.BeforeDelete, payments.CancelAllNow)
	}
	gov := governance.NewService(db, accounts, db, limiter, clock, log, govCfg)
	deps := httpapi.Deps{Logger: log, Clock: clock, Accounts: accounts,
		Ledger: db, Payments: payments, Problems: db, Interviews: interviews, Evaluations: evaluations, Realtime: hub, Health: db, Limiter: limiter, Governance: gov,
		// The admin console as serve wires it, its publish checks in Python
		// only (the sandbox's other languages take minutes per problem).
		AdminStore: db, Authoring: authoring.New(db, judges, log, authoring.Options{Languages: []string{"python"}}),
		Audit: func(ctx context.Context, actorID, action, targetType, targetID string, metadata json.RawMessage, ip string) error {
			return db.AppendAudit(ctx, storage.AuditEntry{ActorUserID: actorID, Action: action, TargetType: targetType, TargetID: targetID, Metadata: metadata, IP: ip})
		}}
	if o.Mutate != nil {
		o.Mutate(&cfg, &deps)
	}
	h = checkContract(t.Errorf, httpapi.NewServer(cfg, deps))
	return &App{T: t, DB: db, Server: srv, Interviews: interviews, Hub: hub, Limiter: limiter, Accounts: accounts, Evaluations: evaluations,
		Observer: observations, Voice: voices, secret: secret}
}

// Client is one browser-like user agent with its own cookies.
type Client struct {
	App  *App
	HTTP *http.Client
}

// Client returns a new signed-out client.
func (a *App) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{App: a, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Reply is an HTTP answer.
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v.
func (r Reply) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.Body, err)
	}
}

// ErrCode returns the error code of an error answer, failing when the body
// is not the error shape.
func (r Reply) ErrCode(t testing.TB) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	r.JSON(t, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body lacks code or message: %s", r.Body)
	}
	return e.Error.Code
}

// Do sends a request; body may be nil, a string, bytes, or a value to marshal.
// hdr are header name/value pairs.
func (c *Client) Do(method, path string, body any, hdr ...string) Reply {
	c.App.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.App.Server.URL+path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.App.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return Reply{resp.StatusCode, resp.Header, b}
}

// Signup creates an account and signs this client in; it returns the user id.
func (c *Client) Signup(email string) string {
	c.App.T.Helper()
	r := c.Do("POST", "/api/auth/signup", map[string]string{"email": email, "password": "correct horse", "full_name": "Ada Lovelace"})
	if r.Status != http.StatusCreated {
		c.App.T.Fatalf("signup: %d %s", r.Status, r.Body)
	}
	var out struct {
		User struct{ ID string } `json:"user"`
	}
	r.JSON(c.App.T, &out)
	return out.User.ID
}

// ProblemID returns the id of the problem with slug.
func (a *App) ProblemID(slug string) string {
	a.T.Helper()
	p, err := a.DB.ProblemBySlug(context.Background(), slug)
	if err != nil {
		a.T.Fatal(err)
	}
	return p.ID
}

// Start starts an interview on slug in language and returns the session id.
func (c *Client) Start(slug, language string) string {
	c.App.T.Helper()
	r := c.Do("POST", "/api/sessions/start", map[string]any{"problem_id": c.App.ProblemID(slug), "language": language, "duration_minutes": 30})
	if r.Status != http.StatusCreated {
		c.App.T.Fatalf("start: %d %s", r.Status, r.Body)
	}
	var s struct{ ID string }
	r.JSON(c.App.T, &s)
	return s.ID
}

// Token asks for a realtime token for sessionID.
func (c *Client) Token(sessionID string) string {
	c.App.T.Helper()
	r := c.Do("POST", "/api/realtime/token", map[string]string{"session_id": sessionID})
	if r.Status != http.StatusOK {
		c.App.T.Fatalf("token: %d %s", r.Status, r.Body)
	}
	var out struct {
		Token string `json:"token"`
	}
	r.JSON(c.App.T, &out)
	return out.Token
}

// Dial opens the WebSocket with protocols (normally [Subprotocol, token]);
// query is appended to the URL (to try a token in the query string).
func (a *App) Dial(ctx context.Context, query string, protocols ...string) (*websocket.Conn, error) {
	u := "ws" + strings.TrimPrefix(a.Server.URL, "http") + "/ws" + query
	c, _, err := websocket.Dial(ctx, u, &websocket.DialOptions{Subprotocols: protocols})
	if err != nil {
		return nil, err
	}
	c.SetReadLimit(1 << 20)
	return c, nil
}

// libraryDB is a SQLite database file with the embedded library synced
// into it, made once per test binary and written into each app that asks
// for the library (problems.Sync on a fresh database is what it replaces).
var libraryDB struct {
	once sync.Once
	file []byte
	err  error
}

func copyLibraryDB(dir string) error {
	libraryDB.once.Do(func() {
		libraryDB.file, libraryDB.err = func() ([]byte, error) {
			tmp, err := os.MkdirTemp("", "mockroom-apptest-library-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			ctx := context.Background()
			db, err := sqlite.Open(ctx, tmp, mockroom.SystemClock{})
			if err != nil {
				return nil, err
			}
			if err := problems.Sync(ctx, db); err != nil {
				db.Close()
				return nil, err
			}
			// Closing the last connection checkpoints the WAL into the file.
			if err := db.Close(); err != nil {
				return nil, err
			}
			path := filepath.Join(tmp, sqlite.FileName)
			if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
				return nil, fmt.Errorf("apptest: %s-wal was not checkpointed", path)
			}
			return os.ReadFile(path)
		}()
	})
	if libraryDB.err != nil {
		return libraryDB.err
	}
	return os.WriteFile(filepath.Join(dir, sqlite.FileName), libraryDB.file, 0o600)
}
