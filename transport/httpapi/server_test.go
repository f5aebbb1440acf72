package httpapi_test

import (
	"context"
	"encoding/json"
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

func (e *env) client() *apptest.Client { return e.app.Client() }

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
	c.Signup("ada@example.com")

	var sess struct {
		User    struct{ Email string }
		Profile account.Profile
	}
	r := c.Do("GET", "/api/auth/session", nil)
	if r.Status != 200 {
		t.Fatalf("session: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &sess)
	if sess.User.Email != "ada@example.com" || sess.Profile.Credits != 3 || sess.Profile.FullName != "Ada Lovelace" {
		t.Fatalf("session = %+v", sess)
	}
	var cr struct {
		Balance      int
		Transactions []billing.CreditTransaction
	}
	c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
	if cr.Balance != 3 || len(cr.Transactions) != 1 || cr.Transactions[0].Type != "bonus" || cr.Transactions[0].BalanceAfter != 3 {
		t.Fatalf("credits = %+v", cr)
	}
}

func TestSignupValidation(t *testing.T) {
	e := newEnv(t)
	e.client().Signup("taken@example.com")
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
			r := e.client().Do("POST", "/api/auth/signup", tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if code := r.ErrCode(t); code != tc.code {
				t.Fatalf("code %q, want %q", code, tc.code)
			}
		})
	}
}

func TestSigninSignoutAndBruteForce(t *testing.T) {
	e := newEnv(t)
	e.client().Signup("bob@example.com")

	c := e.client()
	if r := c.Do("POST", "/api/auth/signin", map[string]string{"email": "bob@example.com", "password": "wrong pass"}); r.Status != 401 || r.ErrCode(t) != "invalid_credentials" {
		t.Fatalf("wrong password: %d %s", r.Status, r.Body)
	}
	if r := c.Do("POST", "/api/auth/signin", map[string]string{"email": "nobody@example.com", "password": "whatever1"}); r.Status != 401 || r.ErrCode(t) != "invalid_credentials" {
		t.Fatalf("unknown user must look like a wrong password: %d %s", r.Status, r.Body)
	}
	if r := c.Do("POST", "/api/auth/signin", map[string]string{"email": "Bob@Example.com", "password": "correct horse"}); r.Status != 200 {
		t.Fatalf("signin: %d %s", r.Status, r.Body)
	}
	cookie := c.HTTP.Jar.Cookies(mustURL(e.srv.URL))
	if len(cookie) != 1 || cookie[0].Name != "mockroom_session" {
		t.Fatalf("cookies = %v", cookie)
	}
	if r := c.Do("GET", "/api/users/profile", nil); r.Status != 200 {
		t.Fatalf("profile after signin: %d", r.Status)
	}
	// Signing out revokes the session server-side: replaying the old cookie fails.
	old := cookie[0].Value
	if r := c.Do("POST", "/api/auth/signout", nil); r.Status != 204 {
		t.Fatalf("signout: %d", r.Status)
	}
	replay := e.client()
	if r := replay.Do("GET", "/api/users/profile", nil, "Cookie", "mockroom_session="+old); r.Status != 401 {
		t.Fatalf("revoked cookie still works: %d", r.Status)
	}

	// Five failures from one address lock that address out of the account
	// for a while, even with the right password.
	atk := e.client()
	for i := 0; i < account.FailuresPerPair; i++ {
		atk.Do("POST", "/api/auth/signin", map[string]string{"email": "bob@example.com", "password": "guess" + string(rune('a'+i)) + "xxx"})
	}
	r := atk.Do("POST", "/api/auth/signin", map[string]string{"email": "bob@example.com", "password": "correct horse"})
	if r.Status != 429 || r.Header.Get("Retry-After") == "" || r.ErrCode(t) != "rate_limited" {
		t.Fatalf("after %d failures: %d %v %s", account.FailuresPerPair, r.Status, r.Header, r.Body)
	}
}

func TestCrossSiteRequestsAreRefused(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	body := map[string]string{"email": "csrf@example.com", "password": "long enough"}
	r := c.Do("POST", "/api/auth/signup", body, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if r.Status != 403 || r.ErrCode(t) != "cross_origin" {
		t.Fatalf("cross-site POST: %d %s", r.Status, r.Body)
	}
	// Same-origin browsers and plain API clients (no Origin, no Sec-Fetch-Site) pass.
	if r := c.Do("POST", "/api/auth/signup", body, "Sec-Fetch-Site", "same-origin"); r.Status != 201 {
		t.Fatalf("same-origin POST: %d %s", r.Status, r.Body)
	}
	if r := e.client().Do("POST", "/api/auth/signin", body); r.Status != 200 {
		t.Fatalf("curl-style POST: %d %s", r.Status, r.Body)
	}
}

func TestProfileUpdate(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.Signup("pat@example.com")
	r := c.Do("PATCH", "/api/users/profile", map[string]any{"experience_level": "senior", "target_companies": []string{"Google", " google ", "Stripe", ""}})
	if r.Status != 200 {
		t.Fatalf("patch: %d %s", r.Status, r.Body)
	}
	var p account.Profile
	r.JSON(t, &p)
	if p.ExperienceLevel != "senior" || strings.Join(p.TargetCompanies, ",") != "Google,Stripe" || p.FullName != "Ada Lovelace" {
		t.Fatalf("profile = %+v", p)
	}
	for _, bad := range []string{`{"experience_level":"wizard"}`, `{"target_companies":"Google"}`, `{"full_name":7}`, `{"credits":100}`} {
		if r := c.Do("PATCH", "/api/users/profile", bad); r.Status != 400 {
			t.Fatalf("%s: %d %s", bad, r.Status, r.Body)
		}
	}
	c.Do("GET", "/api/users/profile", nil).JSON(t, &p)
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
	c.Do("GET", "/api/problems?difficulty=easy", nil).JSON(t, &list)
	if list.Total != 1 || list.Problems[0].Slug != "alpha" {
		t.Fatalf("easy filter = %+v", list)
	}
	c.Do("GET", "/api/problems?category=array&page=1&limit=1", nil).JSON(t, &list)
	if list.Total != 2 || len(list.Problems) != 1 {
		t.Fatalf("category filter = %+v", list)
	}
	for _, bad := range []string{"?difficulty=impossible", "?page=0", "?limit=1000", "?page=abc"} {
		if r := c.Do("GET", "/api/problems"+bad, nil); r.Status != 400 {
			t.Fatalf("%s: %d", bad, r.Status)
		}
	}
	var d struct {
		Slug      string
		Examples  []struct{ Explanation string }
		HintCount int `json:"hint_count"`
		Languages []string
	}
	r := c.Do("GET", "/api/problems/alpha", nil)
	r.JSON(t, &d)
	if d.Slug != "alpha" || len(d.Examples) != 1 || d.Examples[0].Explanation != "one plus one" || d.HintCount != 2 || len(d.Languages) != 2 {
		t.Fatalf("detail = %+v", d)
	}
	if r := c.Do("GET", "/api/problems/nope", nil); r.Status != 404 || r.ErrCode(t) != "not_found" {
		t.Fatalf("missing problem: %d", r.Status)
	}
	// Signed in or not, nothing secret appears anywhere in the problem routes.
	c.Signup("leak@example.com")
	for _, path := range []string{"/api/problems", "/api/problems/alpha", "/api/problems/beta", "/api/problems/gamma",
		"/api/problems/random", "/api/problems/random?difficulty=hard", "/api/problems/facets", "/api/problems?limit=100"} {
		for _, who := range []*apptest.Client{c, e.client()} {
			body := string(who.Do("GET", path, nil).Body)
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
	aID := a.Signup("a@example.com")
	b.Signup("b@example.com")
	ctx := context.Background()
	now := mockroom.SystemClock{}.Now()
	if err := e.db.CreateSession(ctx, &interview.Session{ID: mockroom.NewID(), UserID: aID, ProblemID: p.ID, Status: "active",
		Language: "python", DurationMinutes: 45, StartedAt: &now, CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	var sa, sb struct{ Sessions []interview.SessionSummary }
	a.Do("GET", "/api/sessions", nil).JSON(t, &sa)
	b.Do("GET", "/api/sessions", nil).JSON(t, &sb)
	if len(sa.Sessions) != 1 || len(sb.Sessions) != 0 {
		t.Fatalf("a sees %d sessions, b sees %d", len(sa.Sessions), len(sb.Sessions))
	}
	for _, path := range []string{"/api/users/profile", "/api/users/credits", "/api/auth/session", "/api/sessions"} {
		body := string(b.Do("GET", path, nil).Body)
		if strings.Contains(body, aID) || strings.Contains(body, "a@example.com") {
			t.Fatalf("%s shows user a's data to user b: %s", path, body)
		}
		if r := e.client().Do("GET", path, nil); r.Status != 401 {
			t.Fatalf("%s without a session: %d", path, r.Status)
		}
	}
}

func TestUnknownAPIRouteAndMethod(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	if r := c.Do("GET", "/api/nothing", nil); r.Status != 404 || r.ErrCode(t) != "not_found" {
		t.Fatalf("unknown route: %d %s", r.Status, r.Body)
	}
	if r := c.Do("DELETE", "/api/problems", nil); r.Status != 405 {
		t.Fatalf("wrong method: %d", r.Status)
	}
}

func TestAPIRateLimit(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config, d *httpapi.Deps) { c.APIRequestsPerMinute = 5 })
	c := e.client()
	for i := 0; i < 5; i++ {
		if r := c.Do("GET", "/api/problems", nil); r.Status != 200 {
			t.Fatalf("request %d: %d", i, r.Status)
		}
	}
	r := c.Do("GET", "/api/problems", nil)
	if r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("6th request: %d %v", r.Status, r.Header)
	}
	if r := c.Do("GET", "/healthz", nil); r.Status != 200 {
		t.Fatalf("healthz must not be rate limited: %d", r.Status)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	if r := c.Do("GET", "/healthz", nil); r.Status != 200 {
		t.Fatalf("healthz: %d", r.Status)
	}
	if r := c.Do("GET", "/readyz", nil); r.Status != 200 {
		t.Fatalf("readyz: %d %s", r.Status, r.Body)
	}
	e.db.Close()
	if r := c.Do("GET", "/readyz", nil); r.Status != 503 {
		t.Fatalf("readyz with the database closed: %d %s", r.Status, r.Body)
	}
}

// TestRandomForMe: a signed-in "random problem for me" favours the target
// companies and the experience level, always within the page's filters, and
// falls back to the filters alone when no preference can be met.
func TestRandomForMe(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, p := range []struct{ slug, difficulty, pattern, company string }{
		{"easy-acme", "easy", "Stack", "Acme"},
		{"medium-acme", "medium", "Stack", "Acme"},
		{"hard-acme", "hard", "Heap", "Acme"},
		{"medium-globex", "medium", "Heap", "Globex"},
		{"hard-globex", "hard", "Tries", "Globex"},
	} {
		pr := e.seedProblem(p.slug, p.difficulty)
		pr.Pattern, pr.Companies = p.pattern, []string{p.company}
		if err := e.db.UpsertProblem(ctx, pr, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	c := e.client()
	c.Signup("rand@example.com")
	if r := c.Do("PATCH", "/api/users/profile", map[string]any{"experience_level": "senior", "target_companies": []string{"globex"}}); r.Status != 200 {
		t.Fatalf("patch: %d %s", r.Status, r.Body)
	}
	pick := func(c *apptest.Client, query string) map[string]bool {
		seen := map[string]bool{}
		for range 30 {
			var d struct{ Slug, Pattern string }
			r := c.Do("GET", "/api/problems/random?"+query, nil)
			if r.Status != 200 {
				t.Fatalf("%s: %d %s", query, r.Status, r.Body)
			}
			r.JSON(t, &d)
			seen[d.Slug] = true
		}
		return seen
	}
	for _, tc := range []struct {
		who   *apptest.Client
		query string
		want  []string
	}{
		// Globex (the target) and medium/hard (senior): both Globex problems.
		{c, "for_me=true", []string{"medium-globex", "hard-globex"}},
		// The filter first: only Stack problems; none at Globex, so the
		// company preference gives way; senior still prefers medium.
		{c, "for_me=true&pattern=Stack", []string{"medium-acme"}},
		{c, "for_me=true&difficulty=easy", []string{"easy-acme"}},
		// Signed out, for_me changes nothing.
		{e.client(), "for_me=true&pattern=heap", []string{"hard-acme", "medium-globex"}},
	} {
		seen := pick(tc.who, tc.query)
		for _, w := range tc.want {
			if !seen[w] {
				t.Errorf("%s: 30 picks never chose %s (saw %v)", tc.query, w, seen)
			}
		}
		if len(seen) != len(tc.want) {
			t.Errorf("%s: picks %v, want only %v", tc.query, seen, tc.want)
		}
	}
	if r := c.Do("GET", "/api/problems/random?pattern=Vibes", nil); r.Status != 400 || r.ErrCode(t) != "invalid_query" {
		t.Fatalf("unknown pattern: %d %s", r.Status, r.Body)
	}
	var f problem.Facets
	c.Do("GET", "/api/problems/facets", nil).JSON(t, &f)
	if strings.Join(f.Patterns, ",") != "Stack,Tries,Heap" { // study order
		t.Fatalf("facets patterns = %v", f.Patterns)
	}
}
