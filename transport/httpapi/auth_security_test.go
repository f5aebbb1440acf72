package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/transport/httpapi"
)

func setCookie(t *testing.T, h http.Header, name string) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", name, h.Values("Set-Cookie"))
	return nil
}

func TestSessionCookieFlags(t *testing.T) {
	for _, tc := range []struct {
		base   string
		secure bool
	}{{"", false}, {"https://mockroom.example", true}} {
		t.Run("base="+tc.base, func(t *testing.T) {
			e := newEnv(t, func(c *httpapi.Config, _ *httpapi.Deps) {
				if tc.base != "" {
					c.BaseURL = tc.base
				}
			})
			c := e.client()
			r := c.Do("POST", "/api/auth/signup", map[string]string{"email": "flags@example.com", "password": "correct horse"})
			for _, ck := range []*http.Cookie{setCookie(t, r.Header, "mockroom_session"),
				setCookie(t, c.Do("POST", "/api/auth/signin", map[string]string{"email": "flags@example.com", "password": "correct horse"}).Header, "mockroom_session"),
				setCookie(t, c.Do("POST", "/api/auth/signout", nil).Header, "mockroom_session")} {
				if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure != tc.secure {
					t.Errorf("cookie %q: HttpOnly=%v SameSite=%v Path=%q Secure=%v", ck.Raw, ck.HttpOnly, ck.SameSite, ck.Path, ck.Secure)
				}
			}
		})
	}
}

func TestSessionFixationIsImpossible(t *testing.T) {
	e := newEnv(t)
	victim := e.client()
	u, _ := url.Parse(e.srv.URL)
	// An attacker plants a cookie of their choosing before the victim signs up.
	victim.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "mockroom_session", Value: "attacker-chosen-token-0123456789", Path: "/"}})
	victim.Signup("fixed@example.com")
	var got string
	for _, c := range victim.HTTP.Jar.Cookies(u) {
		if c.Name == "mockroom_session" {
			got = c.Value
		}
	}
	if got == "" || got == "attacker-chosen-token-0123456789" {
		t.Fatalf("the session cookie after signup is %q", got)
	}
	attacker := e.client()
	attacker.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "mockroom_session", Value: "attacker-chosen-token-0123456789", Path: "/"}})
	if r := attacker.Do("GET", "/api/auth/session", nil); r.Status != 401 {
		t.Fatalf("the planted token signs in: %d %s", r.Status, r.Body)
	}
	// Signing out revokes the token server-side, not only in the browser.
	stolen := got
	victim.Do("POST", "/api/auth/signout", nil)
	attacker.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "mockroom_session", Value: stolen, Path: "/"}})
	if r := attacker.Do("GET", "/api/auth/session", nil); r.Status != 401 {
		t.Fatalf("a signed-out token still works: %d", r.Status)
	}
}

func TestSigninTimingDoesNotRevealAccounts(t *testing.T) {
	e := newEnv(t)
	e.client().Signup("known@example.com")
	c := e.client()
	// Alternate the two emails so that whatever slows the machine down
	// (another test, the first request's warm-up) hits both alike.
	attempt := func(email string) time.Duration {
		start := time.Now()
		r := c.Do("POST", "/api/auth/signin", map[string]string{"email": email, "password": "wrong password"})
		d := time.Since(start)
		if r.Status != 401 || r.ErrCode(t) != "invalid_credentials" {
			t.Fatalf("%s: %d %s", email, r.Status, r.Body)
		}
		return d
	}
	var ks, us []time.Duration
	for i := 0; i < 4; i++ {
		ks = append(ks, attempt("known@example.com"))
		us = append(us, attempt(fmt.Sprintf("nobody%d@example.com", i)))
	}
	slices.Sort(ks)
	slices.Sort(us)
	known, unknown := ks[len(ks)/2], us[len(us)/2]
	// A password hash dominates both; without the dummy check an unknown
	// email answers many times faster.
	if unknown < known/3 || known < unknown/3 {
		t.Fatalf("sign-in takes %v for a known email and %v for an unknown one", known, unknown)
	}
}

func TestSigninLockoutHoldsUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	e.client().Signup("target@example.com")
	attacker := e.client()
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := attacker.Do("POST", "/api/auth/signin", map[string]string{"email": "target@example.com", "password": "guess " + time.Now().String()})
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if statuses[401] > 5 || statuses[401]+statuses[429] != 20 {
		t.Fatalf("20 parallel guesses: %v (at most 5 may be checked)", statuses)
	}
	// Locked: even the right password waits out the window.
	if r := e.client().Do("POST", "/api/auth/signin", map[string]string{"email": "TARGET@example.com ", "password": "correct horse"}); r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("locked account: %d %s", r.Status, r.Body)
	}
	// Per address: 30 failures across many emails lock the address out.
	for i := 0; i < 30; i++ {
		attacker.Do("POST", "/api/auth/signin", map[string]string{"email": "spray" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.com", "password": "wrong password"})
	}
	if r := attacker.Do("POST", "/api/auth/signin", map[string]string{"email": "fresh@example.com", "password": "wrong password"}); r.Status != 429 || r.ErrCode(t) != "rate_limited" {
		t.Fatalf("after a spray from one address: %d %s", r.Status, r.Body)
	}
}

// mutatingRoutes is every route that changes something, with a body that
// would succeed from our own origin.
func mutatingRoutes(sessionID string) [][3]any {
	s := "/api/sessions/" + sessionID
	return [][3]any{
		{"POST", "/api/auth/signup", map[string]string{"email": "csrf-new@example.com", "password": "correct horse"}},
		{"POST", "/api/auth/signin", map[string]string{"email": "csrf@example.com", "password": "correct horse"}},
		{"POST", "/api/auth/signout", nil},
		{"PATCH", "/api/users/profile", map[string]string{"full_name": "Pwned"}},
		{"POST", "/api/sessions/start", nil}, // body filled in by the test
		{"PATCH", s, map[string]string{"status": "completed"}},
		{"POST", s + "/end", nil},
		{"POST", s + "/code", map[string]string{"code": "pwned"}},
		{"POST", s + "/hint", nil},
		{"POST", s + "/chat", map[string]string{"text": "pwned"}},
		{"POST", s + "/execute", map[string]string{"code": "pwned", "mode": "submit"}},
		{"POST", "/api/realtime/token", map[string]string{"session_id": sessionID}},
	}
}

func TestCrossSiteRequestsAreRefusedOnEveryMutatingRoute(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("csrf@example.com")
	id := c.Start("two-sum", "python")
	for _, hdr := range [][]string{
		{"Origin", "https://evil.example"},
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"},
		{"Origin", "null"},
	} {
		for _, rt := range mutatingRoutes(id) {
			body := rt[2]
			if rt[1] == "/api/sessions/start" {
				body = map[string]any{"problem_id": app.ProblemID("two-sum"), "language": "python", "duration_minutes": 30}
			}
			r := c.Do(rt[0].(string), rt[1].(string), body, hdr...)
			if r.Status != 403 || r.ErrCode(t) != "cross_origin" {
				t.Errorf("%v %s %s: %d %s", hdr, rt[0], rt[1], r.Status, r.Body)
			}
		}
	}
	// Nothing happened: the session is live with its starter code, no credit
	// was spent, the profile and the sign-in are unchanged, nobody signed up.
	var view struct {
		Session struct{ Status string }
		Code    string
	}
	c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
	var cr struct{ Balance int }
	c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
	var prof struct {
		FullName string `json:"full_name"`
	}
	c.Do("GET", "/api/users/profile", nil).JSON(t, &prof)
	if view.Session.Status != "active" || view.Code == "pwned" || cr.Balance != 2 || prof.FullName == "Pwned" {
		t.Fatalf("a cross-site request changed something: %+v balance=%d profile=%+v", view, cr.Balance, prof)
	}
	if r := app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "csrf-new@example.com", "password": "correct horse"}); r.Status != 401 {
		t.Fatalf("a cross-site signup created an account: %d", r.Status)
	}
	// Same-origin and non-browser clients still work.
	if r := c.Do("POST", "/api/sessions/"+id+"/code", map[string]string{"code": "ok"}, "Origin", app.Server.URL, "Sec-Fetch-Site", "same-origin"); r.Status != 200 {
		t.Fatalf("same-origin save: %d %s", r.Status, r.Body)
	}
}

func TestOAuthNextNeverLeavesTheSite(t *testing.T) {
	gh := newFakeGitHub(t, true)
	e := newEnvWithBase(t, gh)
	for _, next := range []string{"//evil.example", "/\\evil.example", "https:evil.example", "https://evil.example/x",
		"%2F%2Fevil.example", "/%2F%2Fevil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
		"/ /evil.example", "\\\\evil.example", "/\\/evil.example", "javascript:alert(1)", "/%09/evil.example",
		"http:/\\evil.example", " //evil.example", "/.//evil.example", "/\x00/evil.example", "/\u3000/evil.example"} {
		c := e.client()
		r := c.Do("GET", "/api/auth/oauth/github?next="+url.QueryEscape(next), nil)
		if strings.ContainsRune(next, 0) { // NUL in any URL is refused outright, before any redirect
			if r.Status != 400 || r.ErrCode(t) != "invalid_text" {
				t.Fatalf("start with next=%q: %d %s", next, r.Status, r.Body)
			}
			continue
		}
		if r.Status != http.StatusFound {
			t.Fatalf("start with next=%q: %d", next, r.Status)
		}
		raw, err := base64.RawURLEncoding.DecodeString(setCookie(t, r.Header, "mockroom_oauth").Value)
		var st struct {
			N string `json:"n"`
		}
		if err != nil || json.Unmarshal(raw, &st) != nil {
			t.Fatalf("state cookie: %v %s", err, raw)
		}
		// Browsers drop tabs and newlines anywhere in a URL and read a
		// backslash as a slash: judge the landing page as they would.
		seen := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(st.N)
		if !strings.HasPrefix(seen, "/") || strings.HasPrefix(seen, "//") || strings.ContainsFunc(st.N, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Errorf("next=%q lands on %q", next, st.N)
		}
	}
	// The whole flow with a hostile next lands at home.
	landed := follow(t, e.client(), e.srv.URL+"/api/auth/oauth/github?next="+url.QueryEscape("/\t/evil.example"))
	if landed != "/dashboard" {
		t.Fatalf("landed on %q", landed)
	}
}

func TestOAuthStateCannotBeReplayed(t *testing.T) {
	gh := newFakeGitHub(t, true)
	e := newEnvWithBase(t, gh)
	c := e.client()
	r := c.Do("GET", "/api/auth/oauth/github", nil)
	state := setCookie(t, r.Header, "mockroom_oauth")
	// The provider sends the browser back with the code and the state.
	resp, err := c.HTTP.Get(r.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	callback := resp.Header.Get("Location")
	r = c.Do("GET", strings.TrimPrefix(callback, e.srv.URL), nil)
	if loc := r.Header.Get("Location"); r.Status != http.StatusFound || strings.Contains(loc, "error=") {
		t.Fatalf("first callback: %d %s", r.Status, loc)
	}
	if ck := setCookie(t, r.Header, "mockroom_oauth"); ck.MaxAge >= 0 {
		t.Fatalf("the callback keeps the state cookie: %q", ck.Raw)
	}
	// Replayed from another browser without the state cookie, or with a
	// state cookie of its own, the callback is refused.
	other := e.client()
	if loc := other.Do("GET", strings.TrimPrefix(callback, e.srv.URL), nil).Header.Get("Location"); !strings.Contains(loc, "error=oauth_state_missing") {
		t.Fatalf("replay without the cookie went to %q", loc)
	}
	other.Do("GET", "/api/auth/oauth/github", nil) // a fresh state of its own
	if loc := other.Do("GET", strings.TrimPrefix(callback, e.srv.URL), nil).Header.Get("Location"); !strings.Contains(loc, "error=oauth_state_mismatch") {
		t.Fatalf("replay with another state went to %q", loc)
	}
	if r := other.Do("GET", "/api/auth/session", nil); r.Status != 401 {
		t.Fatalf("the replaying browser is signed in: %d", r.Status)
	}
	_ = state
}
