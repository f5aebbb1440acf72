// Package httpapi is the JSON API: every route is listed in routes.go, every
// handler turns domain errors into {"error":{"code","message"}} answers.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/admin/authoring"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/governance"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/transport/realtime"
)

// Health is what /readyz asks of storage.
type Health interface {
	Ping(ctx context.Context) error
	MigrationsApplied(ctx context.Context) (bool, error)
}

// Config holds the transport's settings.
type Config struct {
	BaseURL              string // public URL, e.g. https://mockroom.example.com; decides Secure cookies and OAuth callbacks
	Version              string
	APIRequestsPerMinute int             // per user (or per address when signed out); 0 = default 100
	OAuth                []OAuthProvider // configured providers only
	TrustedOrigins       []string        // extra origins allowed to make cross-origin mutating requests
	TrustedProxies       []netip.Prefix  // peers whose X-Forwarded-For is believed (clientip.go)
	MetricsToken         string          // when set, /metrics asks for "Authorization: Bearer <token>"
	MetricsElsewhere     bool            // /metrics has its own listener (METRICS_ADDR): this handler answers 404
	UnlimitedCredits     bool            // CREDITS=unlimited: interviews take no credit (the web app says so)
}

// Deps are the services the API serves.
type Deps struct {
	Logger   *slog.Logger
	Clock    mockroom.Clock
	Accounts *account.Service
	Ledger   billing.Ledger
	// Payments sells credits and subscriptions through Stripe; nil means
	// payments are off (no STRIPE_SECRET_KEY).
	Payments   *billing.Service
	Problems   problem.Store
	Interviews *interview.Service
	// Evaluations serves reports, exports and progress.
	Evaluations *evaluation.Service
	Realtime    *realtime.Hub
	// Governance exports and deletes accounts; nil answers 503 there.
	Governance *governance.Service
	Health     Health
	Limiter    ratelimit.Limiter
	Languages  func() []string // languages the judge can run now; nil = all in starter code
	Web        http.Handler    // the SPA; nil serves nothing outside /api
	Metrics    *Metrics
	// The admin console (/api/admin/*): its queries, problem authoring and
	// the audit log every admin request is written to. Nil AdminStore or
	// Authoring answers 503 on their routes.
	AdminStore admin.Store
	Authoring  *authoring.Service
	Audit      AuditFunc
}

type server struct {
	Deps
	cfg   Config
	log   *slog.Logger
	mux   *http.ServeMux
	oauth map[string]OAuthProvider
}

// NewServer returns the API and the SPA as one handler.
func NewServer(cfg Config, d Deps) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Clock == nil {
		d.Clock = mockroom.SystemClock{}
	}
	if d.Limiter == nil {
		d.Limiter = ratelimit.NewMemory(d.Clock)
	}
	if cfg.APIRequestsPerMinute <= 0 {
		cfg.APIRequestsPerMinute = 100
	}
	s := &server{Deps: d, cfg: cfg, log: d.Logger, mux: http.NewServeMux(), oauth: map[string]OAuthProvider{}}
	for _, p := range cfg.OAuth {
		s.oauth[p.Name] = p
	}
	methods := map[string][]string{}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
		methods[rt.Pattern] = append(methods[rt.Pattern], rt.Method)
	}
	// paths knows every route's path without its method, so that a known
	// path asked with another method answers 405 rather than 404.
	paths := http.NewServeMux()
	for pattern := range methods {
		paths.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := paths.Handler(r); pattern != "" {
			allow := strings.Join(methods[pattern], ", ")
			w.Header().Set("Allow", allow)
			var body errorBody
			body.Error.Code, body.Error.Message = "method_not_allowed", r.Method+" is not allowed here; use "+allow
			writeJSON(w, http.StatusMethodNotAllowed, body)
			return
		}
		s.writeError(w, r, mockroom.Errorf(mockroom.KindNotFound, "not_found", "no API route %s %s", r.Method, r.URL.Path))
	})
	if d.Web != nil {
		s.mux.Handle("/", d.Web)
	}
	cop := http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		cop.AddTrustedOrigin(o)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindForbidden, "cross_origin", "cross-origin requests are not allowed; use the mockroom web app or an API client"))
	}))
	return s.recoverer(s.requestLog(cop.Handler(s.mux)))
}

// secureCookies reports whether cookies must carry Secure.
func (s *server) secureCookies() bool { return strings.HasPrefix(s.cfg.BaseURL, "https://") }

// wrap applies a route's authentication and rate limit.
func (s *server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		u, err := s.resolveUser(r)
		if err != nil {
			// The cookie could not be checked (the database is down):
			// say so, rather than 401, which would sign the page out.
			s.writeError(w, r, err)
			return
		}
		if u != nil {
			ctx = mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: u.ID, IsAdmin: u.IsAdmin})
			ctx = context.WithValue(ctx, userKey{}, u)
			r = r.WithContext(ctx)
			if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
				info.userID = u.ID
			}
		} else if rt.Auth {
			s.writeError(w, r, mockroom.Errorf(mockroom.KindUnauthenticated, "unauthenticated", "sign in to continue"))
			return
		}
		if field, ok := nulInURL(r); ok {
			s.writeError(w, r, nulError(field))
			return
		}
		if strings.HasPrefix(rt.Pattern, "/api/") && rt.Pattern != webhookPath {
			key := "api:ip:" + s.clientIP(r)
			if a := mockroom.ActorFrom(ctx); a.Role == mockroom.RoleUser {
				key = "api:user:" + a.UserID
			}
			ok, retry, err := s.Limiter.Allow(ctx, key, s.cfg.APIRequestsPerMinute, time.Minute)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			if !ok {
				e := mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "too many requests; slow down and retry shortly")
				e.RetryAfter = retry
				s.writeError(w, r, e)
				return
			}
		}
		h := rt.Handler
		if isAdminRoute(rt.Pattern) {
			if !s.guardAdmin(w, r, rt) {
				return
			}
			h = func(w http.ResponseWriter, r *http.Request) { s.serveAdmin(w, r, rt, rt.Handler) }
		}
		if s.Metrics != nil {
			s.Metrics.observe(rt.Pattern, w, r, h)
			return
		}
		h(w, r)
	})
}

// nulInURL finds a NUL character in the path or a query parameter: it
// would reach a database lookup otherwise.
func nulInURL(r *http.Request) (string, bool) {
	if strings.IndexByte(r.URL.Path, 0) >= 0 {
		return "path", true
	}
	if !strings.Contains(r.URL.RawQuery, "%00") {
		return "", false
	}
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			if strings.IndexByte(k+v, 0) >= 0 {
				return k, true
			}
		}
	}
	return "", false
}

type userKey struct{}

// currentUser resolves the session cookie once per request.
func (s *server) currentUser(r *http.Request) *account.User {
	u, _ := s.resolveUser(r)
	return u
}

// resolveUser is currentUser that also reports a cookie that could not be
// checked (any failure but an unknown or expired session).
func (s *server) resolveUser(r *http.Request) (*account.User, error) {
	if u, ok := r.Context().Value(userKey{}).(*account.User); ok {
		return u, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	u, err := s.Accounts.Authenticate(r.Context(), c.Value)
	if err != nil {
		if mockroom.IsKind(err, mockroom.KindUnauthenticated) {
			return nil, nil
		}
		s.log.WarnContext(r.Context(), "authenticating request", "err", err)
		return nil, err
	}
	return u, nil
}

// userID returns the signed-in user's id; routes marked Auth always have one.
func userID(r *http.Request) string { return mockroom.ActorFrom(r.Context()).UserID }
