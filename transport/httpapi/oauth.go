package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
)

// OAuthProvider is one configured "Sign in with ..." provider. Endpoints are
// fields so that tests (and GitHub Enterprise) can point them elsewhere.
type OAuthProvider struct {
	Name         string // "github" | "google"
	ClientID     string
	ClientSecret string
	AuthURL      string
	TokenURL     string
	APIURL       string // GitHub: https://api.github.com; Google: the OpenID userinfo URL
	HTTPClient   *http.Client
}

// GitHub returns the provider with GitHub's public endpoints.
func GitHub(id, secret string) OAuthProvider {
	return OAuthProvider{Name: "github", ClientID: id, ClientSecret: secret,
		AuthURL: "https://github.com/login/oauth/authorize", TokenURL: "https://github.com/login/oauth/access_token", APIURL: "https://api.github.com"}
}

// Google returns the provider with Google's public endpoints.
func Google(id, secret string) OAuthProvider {
	return OAuthProvider{Name: "google", ClientID: id, ClientSecret: secret,
		AuthURL: "https://accounts.google.com/o/oauth2/auth", TokenURL: "https://oauth2.googleapis.com/token", APIURL: "https://openidconnect.googleapis.com/v1/userinfo"}
}

func (p OAuthProvider) config(baseURL string) *oauth2.Config {
	scopes := []string{"read:user", "user:email"}
	if p.Name == "google" {
		scopes = []string{"openid", "email", "profile"}
	}
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Scopes: scopes,
		Endpoint:    oauth2.Endpoint{AuthURL: p.AuthURL, TokenURL: p.TokenURL},
		RedirectURL: strings.TrimRight(baseURL, "/") + "/api/auth/oauth/" + p.Name + "/callback"}
}

const oauthStateCookie = "mockroom_oauth"

// oauthState travels in a short-lived HttpOnly cookie: the CSRF state, the
// PKCE verifier and where to land afterwards.
type oauthState struct {
	State    string `json:"s"`
	Verifier string `json:"v"`
	Next     string `json:"n"`
}

// safeNext keeps post-sign-in redirects on our own site. Browsers drop tabs
// and newlines anywhere in a URL and read a backslash as a slash, so
// "/\t/evil" or "/\\evil" would become "//evil": refuse both outright.
func safeNext(next string) string {
	bad := func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsFunc(next, bad) {
		return "/dashboard"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/dashboard"
	}
	return next
}

func (s *server) provider(r *http.Request) (OAuthProvider, bool) {
	p, ok := s.oauth[r.PathValue("provider")]
	return p, ok
}

func (s *server) oauthStart(w http.ResponseWriter, r *http.Request) {
	p, ok := s.provider(r)
	if !ok {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindNotFound, "oauth_provider_unknown", "sign-in with %q is not configured on this server", r.PathValue("provider")))
		return
	}
	b := make([]byte, 24)
	rand.Read(b)
	st := oauthState{State: base64.RawURLEncoding.EncodeToString(b), Verifier: oauth2.GenerateVerifier(), Next: safeNext(r.URL.Query().Get("next"))}
	raw, _ := json.Marshal(st)
	http.SetCookie(w, &http.Cookie{Name: oauthStateCookie, Value: base64.RawURLEncoding.EncodeToString(raw), Path: "/api/auth/oauth/",
		MaxAge: 600, HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, p.config(s.cfg.BaseURL).AuthCodeURL(st.State, oauth2.S256ChallengeOption(st.Verifier)), http.StatusFound)
}

func (s *server) oauthCallback(w http.ResponseWriter, r *http.Request) {
	fail := func(code string, err error) {
		if err != nil {
			s.log.WarnContext(r.Context(), "oauth sign-in failed", "provider", r.PathValue("provider"), "code", code, "err", err)
		}
		http.Redirect(w, r, "/signin?error="+url.QueryEscape(code), http.StatusFound)
	}
	p, ok := s.provider(r)
	if !ok {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindNotFound, "oauth_provider_unknown", "sign-in with %q is not configured on this server", r.PathValue("provider")))
		return
	}
	c, err := r.Cookie(oauthStateCookie)
	if err != nil {
		fail("oauth_state_missing", nil)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oauthStateCookie, Path: "/api/auth/oauth/", MaxAge: -1, HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
	var st oauthState
	raw, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || json.Unmarshal(raw, &st) != nil || st.State == "" || r.URL.Query().Get("state") != st.State {
		fail("oauth_state_mismatch", nil)
		return
	}
	if e := r.URL.Query().Get("error"); e != "" {
		fail("oauth_denied", nil)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	if p.HTTPClient != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, p.HTTPClient)
	}
	cfg := p.config(s.cfg.BaseURL)
	tok, err := cfg.Exchange(ctx, r.URL.Query().Get("code"), oauth2.VerifierOption(st.Verifier))
	if err != nil {
		fail("oauth_exchange_failed", err)
		return
	}
	x, err := fetchExternalUser(ctx, p, cfg.Client(ctx, tok))
	if err != nil {
		fail("oauth_profile_failed", err)
		return
	}
	signed, err := s.Accounts.OAuthSignin(r.Context(), x, s.client(r))
	if err != nil {
		code := "oauth_failed"
		if e := mockroom.AsError(err); e != nil && e.Kind != mockroom.KindInternal {
			code = e.Code
		}
		fail(code, err)
		return
	}
	s.setSessionCookie(w, signed.Token, signed.Expires)
	http.Redirect(w, r, st.Next, http.StatusFound)
}

func getJSON(ctx context.Context, c *http.Client, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(v)
}

// fetchExternalUser asks the provider who signed in.
func fetchExternalUser(ctx context.Context, p OAuthProvider, c *http.Client) (account.ExternalUser, error) {
	switch p.Name {
	case "github":
		var u struct {
			ID    int64  `json:"id"`
			Login string `json:"login"`
			Name  string `json:"name"`
		}
		if err := getJSON(ctx, c, p.APIURL+"/user", &u); err != nil {
			return account.ExternalUser{}, err
		}
		var emails []struct {
			Email    string `json:"email"`
			Primary  bool   `json:"primary"`
			Verified bool   `json:"verified"`
		}
		if err := getJSON(ctx, c, p.APIURL+"/user/emails", &emails); err != nil {
			return account.ExternalUser{}, err
		}
		x := account.ExternalUser{Provider: "github", Subject: fmt.Sprint(u.ID), Name: u.Name}
		if x.Name == "" {
			x.Name = u.Login
		}
		for _, e := range emails {
			if e.Primary && e.Verified {
				x.Email, x.EmailVerified = e.Email, true
			}
		}
		if u.ID == 0 {
			x.Subject = ""
		}
		return x, nil
	case "google":
		var u struct {
			Sub           string `json:"sub"`
			Email         string `json:"email"`
			EmailVerified bool   `json:"email_verified"`
			Name          string `json:"name"`
		}
		if err := getJSON(ctx, c, p.APIURL, &u); err != nil {
			return account.ExternalUser{}, err
		}
		return account.ExternalUser{Provider: "google", Subject: u.Sub, Email: u.Email, EmailVerified: u.EmailVerified, Name: u.Name}, nil
	}
	return account.ExternalUser{}, fmt.Errorf("unknown provider %q", p.Name)
}
