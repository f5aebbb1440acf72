package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/transport/httpapi"
)

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// fakeGitHub is a loopback authorization server speaking GitHub's OAuth web
// flow and REST endpoints: /login/oauth/authorize, /login/oauth/access_token,
// /user and /user/emails.
type fakeGitHub struct {
	*httptest.Server
	mu        sync.Mutex
	codes     map[string]string // code -> PKCE challenge
	verified  bool
	exchanges int
}

func newFakeGitHub(t *testing.T, verified bool) *fakeGitHub {
	f := &fakeGitHub{codes: map[string]string{}, verified: verified}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login/oauth/authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != "gh-id" || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
			http.Error(w, "bad authorize request", 400)
			return
		}
		f.mu.Lock()
		f.codes["code-123"] = q.Get("code_challenge")
		f.mu.Unlock()
		cb, _ := url.Parse(q.Get("redirect_uri"))
		v := cb.Query()
		v.Set("code", "code-123")
		v.Set("state", q.Get("state"))
		cb.RawQuery = v.Encode()
		http.Redirect(w, r, cb.String(), http.StatusFound)
	})
	mux.HandleFunc("POST /login/oauth/access_token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.Form.Get("client_id"), r.Form.Get("client_secret")
		}
		f.mu.Lock()
		_, known := f.codes[r.Form.Get("code")]
		delete(f.codes, r.Form.Get("code"))
		f.exchanges++
		f.mu.Unlock()
		if id != "gh-id" || secret != "gh-secret" || !known || r.Form.Get("code_verifier") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(map[string]string{"error": "bad_verification_code"})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"access_token": "tok-abc", "token_type": "bearer", "scope": "read:user,user:email"})
	})
	auth := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer tok-abc" {
				http.Error(w, `{"message":"Bad credentials"}`, 401)
				return
			}
			h(w, r)
		}
	}
	mux.HandleFunc("GET /user", auth(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"id": 4242, "login": "octocat", "name": "Mona Octocat"})
	}))
	mux.HandleFunc("GET /user/emails", auth(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode([]map[string]any{
			{"email": "other@example.com", "primary": false, "verified": true},
			{"email": "Mona@Example.com", "primary": true, "verified": f.verified},
		})
	}))
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeGitHub) provider() httpapi.OAuthProvider {
	p := httpapi.GitHub("gh-id", "gh-secret")
	p.AuthURL, p.TokenURL, p.APIURL = f.URL+"/login/oauth/authorize", f.URL+"/login/oauth/access_token", f.URL
	return p
}

// follow walks a redirect chain by hand (the client stops at each hop) so the
// test can see where it lands.
func follow(t *testing.T, c *apptest.Client, start string) string {
	t.Helper()
	next := start
	for i := 0; i < 10; i++ {
		resp, err := c.HTTP.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("GET %s: %d", next, resp.StatusCode)
		}
		loc, _ := resp.Location()
		if !strings.HasPrefix(loc.String(), "http") {
			return loc.String()
		}
		if strings.HasPrefix(loc.String(), c.App.Server.URL) && !strings.Contains(loc.Path, "/api/") {
			return strings.TrimPrefix(loc.String(), c.App.Server.URL)
		}
		next = loc.String()
	}
	t.Fatal("too many redirects")
	return ""
}

func TestGitHubSignInEndToEnd(t *testing.T) {
	gh := newFakeGitHub(t, true)
	e := newEnvWithBase(t, gh)

	c := e.client()
	var prov struct{ Providers []string }
	c.Do("GET", "/api/auth/providers", nil).JSON(t, &prov)
	if len(prov.Providers) != 1 || prov.Providers[0] != "github" {
		t.Fatalf("providers = %v", prov)
	}
	landed := follow(t, c, e.srv.URL+"/api/auth/oauth/github?next=/problems")
	if landed != "/problems" {
		t.Fatalf("landed on %q", landed)
	}
	var sess struct {
		User    struct{ Email string }
		Profile struct {
			FullName string `json:"full_name"`
			Credits  int
		}
	}
	r := c.Do("GET", "/api/auth/session", nil)
	r.JSON(t, &sess)
	if r.Status != 200 || sess.User.Email != "mona@example.com" || sess.Profile.FullName != "Mona Octocat" || sess.Profile.Credits != 3 {
		t.Fatalf("after github sign-in: %d %s", r.Status, r.Body)
	}
	// A second sign-in finds the same account (no second signup bonus).
	c2 := e.client()
	follow(t, c2, e.srv.URL+"/api/auth/oauth/github")
	c2.Do("GET", "/api/auth/session", nil).JSON(t, &sess)
	if sess.User.Email != "mona@example.com" || sess.Profile.Credits != 3 {
		t.Fatalf("second sign-in: %+v", sess)
	}

	// A forged callback (state not matching the cookie) is refused.
	c3 := e.client()
	resp, err := c3.HTTP.Get(e.srv.URL + "/api/auth/oauth/github/callback?code=code-123&state=forged")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "error=oauth_state_missing") {
		t.Fatalf("forged callback redirected to %q", loc)
	}
	// Open redirects are refused: next must be a local path.
	if got := follow(t, e.client(), e.srv.URL+"/api/auth/oauth/github?next=//evil.example/x"); got != "/dashboard" {
		t.Fatalf("next=//evil landed on %q", got)
	}
	if r := c.Do("GET", "/api/auth/oauth/gitlab", nil); r.Status != 404 {
		t.Fatalf("unconfigured provider: %d", r.Status)
	}
}

func TestGitHubSignInRequiresVerifiedEmail(t *testing.T) {
	gh := newFakeGitHub(t, false)
	e := newEnvWithBase(t, gh)
	c := e.client()
	landed := follow(t, c, e.srv.URL+"/api/auth/oauth/github")
	if !strings.Contains(landed, "error=oauth_email_unverified") {
		t.Fatalf("landed on %q", landed)
	}
	if r := c.Do("GET", "/api/auth/session", nil); r.Status != 401 {
		t.Fatalf("unverified email signed in: %d", r.Status)
	}
}

// newEnvWithBase starts the API with GitHub sign-in pointed at gh (the app's
// BaseURL is its own address, which the OAuth callback must use).
func newEnvWithBase(t *testing.T, gh *fakeGitHub) *env {
	return newEnv(t, func(c *httpapi.Config, d *httpapi.Deps) { c.OAuth = []httpapi.OAuthProvider{gh.provider()} })
}

// fakeGoogle speaks Google's OAuth 2.0 web flow and the OpenID Connect
// userinfo endpoint on loopback.
func newFakeGoogle(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /o/oauth2/auth", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != "g-id" || !strings.Contains(q.Get("scope"), "openid") || q.Get("code_challenge") == "" {
			http.Error(w, "bad request", 400)
			return
		}
		cb, _ := url.Parse(q.Get("redirect_uri"))
		v := cb.Query()
		v.Set("code", "g-code")
		v.Set("state", q.Get("state"))
		cb.RawQuery = v.Encode()
		http.Redirect(w, r, cb.String(), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.Form.Get("client_id"), r.Form.Get("client_secret")
		}
		w.Header().Set("Content-Type", "application/json")
		if id != "g-id" || secret != "g-secret" || r.Form.Get("code") != "g-code" || r.Form.Get("code_verifier") == "" {
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"access_token": "g-tok", "token_type": "Bearer", "expires_in": 3599, "id_token": "unused"})
	})
	mux.HandleFunc("GET /v1/userinfo", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer g-tok" {
			http.Error(w, "unauthorized", 401)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"sub": "1098765", "email": "grace@example.com", "email_verified": true, "name": "Grace Hopper"})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGoogleSignInEndToEnd(t *testing.T) {
	g := newFakeGoogle(t)
	p := httpapi.Google("g-id", "g-secret")
	p.AuthURL, p.TokenURL, p.APIURL = g.URL+"/o/oauth2/auth", g.URL+"/token", g.URL+"/v1/userinfo"
	e := newEnv(t, func(c *httpapi.Config, d *httpapi.Deps) { c.OAuth = []httpapi.OAuthProvider{p} })
	// An existing email account is reached, not duplicated (made without
	// mail, it is unverified: Google's word takes it over, see
	// TestOAuthNeverLinksAnUnverifiedAccount).
	existing := e.client()
	existingID := existing.Signup("grace@example.com")

	c := e.client()
	if landed := follow(t, c, e.srv.URL+"/api/auth/oauth/google?next=/dashboard"); landed != "/dashboard" {
		t.Fatalf("landed on %q", landed)
	}
	var sess struct {
		User struct{ ID, Email string }
	}
	c.Do("GET", "/api/auth/session", nil).JSON(t, &sess)
	if sess.User.Email != "grace@example.com" || sess.User.ID != existingID {
		t.Fatalf("google sign-in did not reach the existing account: %+v vs %s", sess, existingID)
	}
}
