package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// env is a running API over a real SQLite database and the real sandbox.
type env struct {
	t   *testing.T
	app *apptest.App
	db  storage.DB
	srv *httptest.Server
}

func newEnv(t *testing.T, mutate ...func(*httpapi.Config, *httpapi.Deps)) *env {
	t.Helper()
	app := apptest.New(t, apptest.Options{Mutate: func(c *httpapi.Config, d *httpapi.Deps) {
		c.APIRequestsPerMinute = 10000
		for _, m := range mutate {
			m(c, d)
		}
	}})
	return &env{t: t, app: app, db: app.DB, srv: app.Server}
}

// client is one browser-like user agent with its own cookie jar.
type client struct {
	e    *env
	http *http.Client
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

func (r reply) errCode(t *testing.T) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	r.json(t, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body lacks code or message: %s", r.body)
	}
	return e.Error.Code
}

func (c *client) do(method, path string, body any, hdr ...string) reply {
	c.e.t.Helper()
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
	req, _ := http.NewRequest(method, c.e.srv.URL+path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, b}
}

func (c *client) signup(email string) (userID string) {
	c.e.t.Helper()
	r := c.do("POST", "/api/auth/signup", map[string]string{"email": email, "password": "correct horse", "full_name": "Ada Lovelace"})
	if r.status != http.StatusCreated {
		c.e.t.Fatalf("signup: %d %s", r.status, r.body)
	}
	var out struct {
		User struct{ ID string } `json:"user"`
	}
	r.json(c.e.t, &out)
	return out.User.ID
}

// seedProblem stores a problem whose hidden tests and solution carry marker
// strings, so tests can prove they never leave the server.
func (e *env) seedProblem(slug, difficulty string, categories ...string) *problem.Problem {
	e.t.Helper()
	p := &problem.Problem{Slug: slug, Title: "Title " + slug, Description: "# " + slug, Difficulty: difficulty,
		Categories: categories, Companies: []string{"Acme"}, Hints: []string{"SECRET-HINT-1", "SECRET-HINT-2"},
		StarterCode: map[string]string{"python": "class Solution: pass", "java": "class Solution {}"}, HasSolution: true,
		TimeComplexity: "O(n)", SpaceComplexity: "O(1)", Spec: json.RawMessage(`{}`)}
	tests := []problem.TestCase{
		{Input: json.RawMessage(`{"x":1}`), ExpectedOutput: json.RawMessage(`2`), IsExample: true, Explanation: "one plus one", OrderIndex: 0},
		{Input: json.RawMessage(`{"x":"HIDDEN-INPUT-` + slug + `"}`), ExpectedOutput: json.RawMessage(`"HIDDEN-OUTPUT-` + slug + `"`), IsHidden: true, OrderIndex: 1},
	}
	sol := &problem.Solution{Code: map[string]string{"python": "REFERENCE-SOLUTION-" + slug}}
	if err := e.db.UpsertProblem(context.Background(), p, tests, sol); err != nil {
		e.t.Fatal(err)
	}
	return p
}

func TestSignupGivesThreeCreditsThroughTheLedger(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signup("ada@example.com")

	var sess struct {
		User    struct{ Email string }
		Profile account.Profile
	}
	r := c.do("GET", "/api/auth/session", nil)
	if r.status != 200 {
		t.Fatalf("session: %d %s", r.status, r.body)
	}
	r.json(t, &sess)
	if sess.User.Email != "ada@example.com" || sess.Profile.Credits != 3 || sess.Profile.FullName != "Ada Lovelace" {
		t.Fatalf("session = %+v", sess)
	}
	var cr struct {
		Balance      int
		Transactions []billing.CreditTransaction
	}
	c.do("GET", "/api/users/credits", nil).json(t, &cr)
	if cr.Balance != 3 || len(cr.Transactions) != 1 || cr.Transactions[0].Type != "bonus" || cr.Transactions[0].BalanceAfter != 3 {
		t.Fatalf("credits = %+v", cr)
	}
}

func TestSignupValidation(t *testing.T) {
	e := newEnv(t)
	e.client().signup("taken@example.com")
	cases := []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"taken email", map[string]string{"email": "TAKEN@example.com", "password": "long enough"}, 409, "email_taken"},
		{"bad email", map[string]string{"email": "nope", "password": "long enough"}, 400, "invalid"},
		{"short password", map[string]string{"email": "a@example.com", "password": "short"}, 400, "weak_password"},
		{"missing body", "", 400, "invalid_json"},
		{"malformed JSON", `{"email":`, 400, "invalid_json"},
		{"array body", `[1,2]`, 400, "invalid_json"},
		{"wrong type", `{"email": 5, "password": "long enough"}`, 400, "invalid_field"},
		{"unknown field", `{"email":"a@example.com","password":"long enough","admin":true}`, 400, "unknown_field"},
		{"trailing data", `{"email":"a@example.com","password":"long enough"} {}`, 400, "invalid_json"},
		{"oversized", `{"email":"` + strings.Repeat("a", 70<<10) + `"}`, 413, "too_large"},
		{"name too long", map[string]string{"email": "b@example.com", "password": "long enough", "full_name": strings.Repeat("x", 200)}, 400, "invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.client().do("POST", "/api/auth/signup", tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if code := r.errCode(t); code != tc.code {
				t.Fatalf("code %q, want %q", code, tc.code)
			}
		})
	}
}

func TestSigninSignoutAndBruteForce(t *testing.T) {
	e := newEnv(t)
	e.client().signup("bob@example.com")

	c := e.client()
	if r := c.do("POST", "/api/auth/signin", map[string]string{"email": "bob@example.com", "password": "wrong pass"}); r.status != 401 || r.errCode(t) != "invalid_credentials" {
		t.Fatalf("wrong password: %d %s", r.status, r.body)
	}
	if r := c.do("POST", "/api/auth/signin", map[string]string{"email": "nobody@example.com", "password": "whatever1"}); r.status != 401 || r.errCode(t) != "invalid_credentials" {
		t.Fatalf("unknown user must look like a wrong password: %d %s", r.status, r.body)
	}
	if r := c.do("POST", "/api/auth/signin", map[string]string{"email": "Bob@Example.com", "password": "correct horse"}); r.status != 200 {
		t.Fatalf("signin: %d %s", r.status, r.body)
	}
	cookie := c.http.Jar.Cookies(mustURL(e.srv.URL))
	if len(cookie) != 1 || cookie[0].Name != "mockroom_session" {
		t.Fatalf("cookies = %v", cookie)
	}
	if r := c.do("GET", "/api/users/profile", nil); r.status != 200 {
		t.Fatalf("profile after signin: %d", r.status)
	}
	// Signing out revokes the session server-side: replaying the old cookie fails.
	old := cookie[0].Value
	if r := c.do("POST", "/api/auth/signout", nil); r.status != 204 {
		t.Fatalf("signout: %d", r.status)
	}
	replay := e.client()
	if r := replay.do("GET", "/api/users/profile", nil, "Cookie", "mockroom_session="+old); r.status != 401 {
		t.Fatalf("revoked cookie still works: %d", r.status)
	}

	// Five failures lock the email for a while, even with the right password.
	atk := e.client()
	for i := 0; i < account.FailuresPerEmail; i++ {
		atk.do("POST", "/api/auth/signin", map[string]string{"email": "bob@example.com", "password": "guess" + string(rune('a'+i)) + "xxx"})
	}
	r := atk.do("POST", "/api/auth/signin", map[string]string{"email": "bob@example.com", "password": "correct horse"})
	if r.status != 429 || r.header.Get("Retry-After") == "" || r.errCode(t) != "rate_limited" {
		t.Fatalf("after %d failures: %d %v %s", account.FailuresPerEmail, r.status, r.header, r.body)
	}
}

func TestCrossSiteRequestsAreRefused(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	body := map[string]string{"email": "csrf@example.com", "password": "long enough"}
	r := c.do("POST", "/api/auth/signup", body, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if r.status != 403 || r.errCode(t) != "cross_origin" {
		t.Fatalf("cross-site POST: %d %s", r.status, r.body)
	}
	// Same-origin browsers and plain API clients (no Origin, no Sec-Fetch-Site) pass.
	if r := c.do("POST", "/api/auth/signup", body, "Sec-Fetch-Site", "same-origin"); r.status != 201 {
		t.Fatalf("same-origin POST: %d %s", r.status, r.body)
	}
	if r := e.client().do("POST", "/api/auth/signin", body); r.status != 200 {
		t.Fatalf("curl-style POST: %d %s", r.status, r.body)
	}
}

func TestProfileUpdate(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signup("pat@example.com")
	r := c.do("PATCH", "/api/users/profile", map[string]any{"experience_level": "senior", "target_companies": []string{"Google", " google ", "Stripe", ""}})
	if r.status != 200 {
		t.Fatalf("patch: %d %s", r.status, r.body)
	}
	var p account.Profile
	r.json(t, &p)
	if p.ExperienceLevel != "senior" || strings.Join(p.TargetCompanies, ",") != "Google,Stripe" || p.FullName != "Ada Lovelace" {
		t.Fatalf("profile = %+v", p)
	}
	for _, bad := range []string{`{"experience_level":"wizard"}`, `{"target_companies":"Google"}`, `{"full_name":7}`, `{"credits":100}`} {
		if r := c.do("PATCH", "/api/users/profile", bad); r.status != 400 {
			t.Fatalf("%s: %d %s", bad, r.status, r.body)
		}
	}
	c.do("GET", "/api/users/profile", nil).json(t, &p)
	if p.Credits != 3 || p.ExperienceLevel != "senior" {
		t.Fatalf("bad patches changed the profile: %+v", p)
	}
}

func TestProblemsNeverLeakHiddenTestsOrSolutions(t *testing.T) {
	e := newEnv(t)
	e.seedProblem("alpha", "easy", "Array")
	e.seedProblem("beta", "medium", "Graph")
	e.seedProblem("gamma", "hard", "Array", "Dynamic Programming")
	c := e.client()

	var list struct {
		Problems []struct{ Slug, Difficulty string }
		Total    int
	}
	c.do("GET", "/api/problems?difficulty=easy", nil).json(t, &list)
	if list.Total != 1 || list.Problems[0].Slug != "alpha" {
		t.Fatalf("easy filter = %+v", list)
	}
	c.do("GET", "/api/problems?category=array&page=1&limit=1", nil).json(t, &list)
	if list.Total != 2 || len(list.Problems) != 1 {
		t.Fatalf("category filter = %+v", list)
	}
	for _, bad := range []string{"?difficulty=impossible", "?page=0", "?limit=1000", "?page=abc"} {
		if r := c.do("GET", "/api/problems"+bad, nil); r.status != 400 {
			t.Fatalf("%s: %d", bad, r.status)
		}
	}
	var d struct {
		Slug      string
		Examples  []struct{ Explanation string }
		HintCount int `json:"hint_count"`
		Languages []string
	}
	r := c.do("GET", "/api/problems/alpha", nil)
	r.json(t, &d)
	if d.Slug != "alpha" || len(d.Examples) != 1 || d.Examples[0].Explanation != "one plus one" || d.HintCount != 2 || len(d.Languages) != 2 {
		t.Fatalf("detail = %+v", d)
	}
	if r := c.do("GET", "/api/problems/nope", nil); r.status != 404 || r.errCode(t) != "not_found" {
		t.Fatalf("missing problem: %d", r.status)
	}
	// Signed in or not, nothing secret appears anywhere in the problem routes.
	c.signup("leak@example.com")
	for _, path := range []string{"/api/problems", "/api/problems/alpha", "/api/problems/beta", "/api/problems/gamma",
		"/api/problems/random", "/api/problems/random?difficulty=hard", "/api/problems/facets", "/api/problems?limit=100"} {
		for _, who := range []*client{c, e.client()} {
			body := string(who.do("GET", path, nil).body)
			for _, secret := range []string{"HIDDEN-INPUT", "HIDDEN-OUTPUT", "REFERENCE-SOLUTION", "SECRET-HINT", "O(n)"} {
				if strings.Contains(body, secret) {
					t.Fatalf("%s leaked %q: %s", path, secret, body)
				}
			}
		}
	}
}

func TestOneUserNeverSeesAnothersData(t *testing.T) {
	e := newEnv(t)
	p := e.seedProblem("alpha", "easy")
	a, b := e.client(), e.client()
	aID := a.signup("a@example.com")
	b.signup("b@example.com")
	ctx := context.Background()
	now := mockroom.SystemClock{}.Now()
	if err := e.db.CreateSession(ctx, &interview.Session{ID: mockroom.NewID(), UserID: aID, ProblemID: p.ID, Status: "active",
		Language: "python", DurationMinutes: 45, StartedAt: &now, CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	var sa, sb struct{ Sessions []interview.SessionSummary }
	a.do("GET", "/api/sessions", nil).json(t, &sa)
	b.do("GET", "/api/sessions", nil).json(t, &sb)
	if len(sa.Sessions) != 1 || len(sb.Sessions) != 0 {
		t.Fatalf("a sees %d sessions, b sees %d", len(sa.Sessions), len(sb.Sessions))
	}
	for _, path := range []string{"/api/users/profile", "/api/users/credits", "/api/auth/session", "/api/sessions"} {
		body := string(b.do("GET", path, nil).body)
		if strings.Contains(body, aID) || strings.Contains(body, "a@example.com") {
			t.Fatalf("%s shows user a's data to user b: %s", path, body)
		}
		if r := e.client().do("GET", path, nil); r.status != 401 {
			t.Fatalf("%s without a session: %d", path, r.status)
		}
	}
}

func TestUnknownAPIRouteAndMethod(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	if r := c.do("GET", "/api/nothing", nil); r.status != 404 || r.errCode(t) != "not_found" {
		t.Fatalf("unknown route: %d %s", r.status, r.body)
	}
	if r := c.do("DELETE", "/api/problems", nil); r.status != 405 {
		t.Fatalf("wrong method: %d", r.status)
	}
}

func TestAPIRateLimit(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config, d *httpapi.Deps) { c.APIRequestsPerMinute = 5 })
	c := e.client()
	for i := 0; i < 5; i++ {
		if r := c.do("GET", "/api/problems", nil); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := c.do("GET", "/api/problems", nil)
	if r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Fatalf("6th request: %d %v", r.status, r.header)
	}
	if r := c.do("GET", "/healthz", nil); r.status != 200 {
		t.Fatalf("healthz must not be rate limited: %d", r.status)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	if r := c.do("GET", "/healthz", nil); r.status != 200 {
		t.Fatalf("healthz: %d", r.status)
	}
	if r := c.do("GET", "/readyz", nil); r.status != 200 {
		t.Fatalf("readyz: %d %s", r.status, r.body)
	}
	e.db.Close()
	if r := c.do("GET", "/readyz", nil); r.status != 503 {
		t.Fatalf("readyz with the database closed: %d %s", r.status, r.body)
	}
}
