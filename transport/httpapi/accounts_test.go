package httpapi_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/mailpit"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/mail/smtp"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// behindProxy trusts the loopback peer as a load balancer, so that each test
// client can speak from its own address through X-Forwarded-For.
func behindProxy(c *httpapi.Config, _ *httpapi.Deps) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
}

// from is the header pair that makes a request come from addr.
func from(addr string) []string { return []string{"X-Forwarded-For", addr} }

// mailApp is the app with a real SMTP path to Mailpit.
func mailApp(t *testing.T, o apptest.Options) (*apptest.App, *mailpit.Server) {
	t.Helper()
	mp := mailpit.Start(t)
	m, err := smtp.New(mp.SMTPURL, "mockroom <noreply@mockroom.test>")
	if err != nil {
		t.Fatal(err)
	}
	o.Account.Mailer = m
	return apptest.New(t, o), mp
}

var linkRE = regexp.MustCompile(`https?://\S+[?&]token=([A-Za-z0-9_.%-]+)`)

// tokenIn pulls the token out of the link in a mail.
func tokenIn(t *testing.T, m mailpit.Message) string {
	t.Helper()
	got := linkRE.FindStringSubmatch(m.Text)
	if got == nil {
		t.Fatalf("no link in mail %q:\n%s", m.Subject, m.Text)
	}
	tok, err := url.QueryUnescape(got[1])
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func signupBody(email, password string) map[string]string {
	return map[string]string{"email": email, "password": password, "full_name": "Ada"}
}

func TestPasswordsMustNotBeAllWhitespace(t *testing.T) {
	app := apptest.New(t, apptest.Options{})
	for _, tc := range []struct {
		password string
		status   int
		code     string
	}{
		{"        ", 400, "weak_password"},
		{"\t\t\t\t\t\t\t\t\t", 400, "weak_password"},
		{"\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000", 400, "weak_password"},
		{" \n \r \t \u00a0 \u2003 ", 400, "weak_password"},
		{"short", 400, "weak_password"},
		{"  spaced out  ", 201, ""},
	} {
		r := app.Client().Do("POST", "/api/auth/signup", signupBody(fmt.Sprintf("ws%d@example.com", len(tc.password)), tc.password))
		if r.Status != tc.status || (tc.code != "" && r.ErrCode(t) != tc.code) {
			t.Errorf("password %q: %d %s", tc.password, r.Status, r.Body)
		}
	}
}

// Issue 7 item 5: a squatter's unverified password account is never linked
// to the real owner's provider identity; the provider-verified owner takes
// it over and the squatter's password and sessions stop working.
func TestOAuthNeverLinksAnUnverifiedAccount(t *testing.T) {
	gh := newFakeGitHub(t, true) // GitHub vouches for mona@example.com
	e := newEnvWithBase(t, gh)
	squatter := e.client()
	squatter.Signup("mona@example.com") // no SMTP: never verified
	var before struct {
		User struct {
			ID            string
			EmailVerified bool `json:"email_verified"`
		}
	}
	squatter.Do("GET", "/api/auth/session", nil).JSON(t, &before)
	if before.User.EmailVerified {
		t.Fatal("an account made without mail is verified")
	}

	mona := e.client()
	if landed := follow(t, mona, e.srv.URL+"/api/auth/oauth/github?next=/dashboard"); landed != "/dashboard" {
		t.Fatalf("landed on %q", landed)
	}
	var after struct {
		User struct {
			ID            string
			Email         string
			EmailVerified bool `json:"email_verified"`
		}
		Profile struct{ Credits int }
	}
	mona.Do("GET", "/api/auth/session", nil).JSON(t, &after)
	if after.User.ID != before.User.ID || !after.User.EmailVerified || after.Profile.Credits != 3 {
		t.Fatalf("owner after GitHub sign-in: %+v (squatter's account %s)", after, before.User.ID)
	}
	// The squatter is out: their session is revoked and their password no
	// longer opens the account.
	if r := squatter.Do("GET", "/api/auth/session", nil); r.Status != 401 {
		t.Fatalf("the squatter's session survived the takeover: %d", r.Status)
	}
	if r := e.client().Do("POST", "/api/auth/signin", map[string]string{"email": "mona@example.com", "password": "correct horse"}); r.Status != 401 {
		t.Fatalf("the squatter's password still signs in: %d %s", r.Status, r.Body)
	}
	// The owner's next GitHub sign-in finds the linked account.
	again := e.client()
	follow(t, again, e.srv.URL+"/api/auth/oauth/github")
	again.Do("GET", "/api/auth/session", nil).JSON(t, &after)
	if after.User.ID != before.User.ID {
		t.Fatalf("second sign-in reached %s", after.User.ID)
	}
}

// Without mail, the first account becomes admin and SIGNUPS decides who
// else may join.
func TestSignupModes(t *testing.T) {
	for _, mode := range []string{account.SignupsOpen, account.SignupsInvite, account.SignupsClosed} {
		t.Run(mode, func(t *testing.T) {
			app := apptest.New(t, apptest.Options{Account: account.Config{Signups: mode}})
			var first struct {
				User struct {
					IsAdmin bool `json:"is_admin"`
				}
			}
			r := app.Client().Do("POST", "/api/auth/signup", signupBody("owner@example.com", "correct horse"))
			r.JSON(t, &first)
			if r.Status != 201 || !first.User.IsAdmin {
				t.Fatalf("first account: %d %s", r.Status, r.Body)
			}
			r = app.Client().Do("POST", "/api/auth/signup", signupBody("second@example.com", "correct horse"))
			want := map[string]string{account.SignupsOpen: "", account.SignupsInvite: "invite_required", account.SignupsClosed: "signups_closed"}[mode]
			if want == "" {
				var second struct {
					User struct {
						IsAdmin bool `json:"is_admin"`
					}
				}
				r.JSON(t, &second)
				if r.Status != 201 || second.User.IsAdmin {
					t.Fatalf("second account in open mode: %d %s", r.Status, r.Body)
				}
				return
			}
			if r.Status != 403 || r.ErrCode(t) != want {
				t.Fatalf("second account: %d %s", r.Status, r.Body)
			}
		})
	}
}

func TestInvites(t *testing.T) {
	app := apptest.New(t, apptest.Options{Account: account.Config{Signups: account.SignupsInvite}})
	app.Client().Signup("owner@example.com")
	link, _, err := app.Accounts.CreateInvite(t.Context(), "Guest@Example.com")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	invite := u.Query().Get("invite")
	if u.Path != "/signup" || invite == "" || u.Query().Get("email") != "guest@example.com" {
		t.Fatalf("invite link %q", link)
	}
	body := func(email, inv string) map[string]string {
		b := signupBody(email, "correct horse")
		b["invite"] = inv
		return b
	}
	for _, tc := range []struct {
		name, email, invite string
		status              int
		code                string
	}{
		{"someone else's address", "stranger@example.com", invite, 400, "invite_email_mismatch"},
		{"a forged secret", "guest@example.com", strings.Split(invite, ".")[0] + ".forged", 400, "invalid_token"},
		{"no invite", "guest@example.com", "", 403, "invite_required"},
		{"the invitee", "guest@example.com", invite, 201, ""},
		{"the invite again", "guest2@example.com", invite, 400, "invalid_token"},
	} {
		r := app.Client().Do("POST", "/api/auth/signup", body(tc.email, tc.invite))
		if r.Status != tc.status || (tc.code != "" && r.ErrCode(t) != tc.code) {
			t.Errorf("%s: %d %s", tc.name, r.Status, r.Body)
		}
	}
}

func TestSignupThrottles(t *testing.T) {
	app := apptest.New(t, apptest.Options{Mutate: behindProxy,
		Account: account.Config{SignupsPerAddress: account.DefaultSignupsPerAddress, SignupsPerHour: 8}})
	n := 0
	signup := func(addr string) apptest.Reply {
		n++
		return app.Client().Do("POST", "/api/auth/signup", signupBody(fmt.Sprintf("bulk%d@example.com", n), "correct horse"), from(addr)...)
	}
	for i := 0; i < account.DefaultSignupsPerAddress; i++ {
		if r := signup("198.51.100.1"); r.Status != 201 {
			t.Fatalf("sign-up %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	if r := signup("198.51.100.1"); r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("sign-up past the address's cap: %d %s", r.Status, r.Body)
	}
	// Other addresses go on until everyone's cap (8 an hour here) is reached.
	for i := 0; i < 3; i++ {
		if r := signup(fmt.Sprintf("198.51.100.%d", 10+i)); r.Status != 201 {
			t.Fatalf("sign-up from another address: %d %s", r.Status, r.Body)
		}
	}
	if r := signup("198.51.100.99"); r.Status != 429 || r.ErrCode(t) != "rate_limited" {
		t.Fatalf("sign-up past the global cap: %d %s", r.Status, r.Body)
	}
}

// Issue 7 item 7: a stranger's wrong passwords throttle the stranger's
// address, not the owner; many addresses together only slow the account
// down.
func TestStrangerCannotLockOwnerOut(t *testing.T) {
	// A still clock: the backoff is measured in seconds, and a loaded
	// machine must not let it lapse between two requests.
	app := apptest.New(t, apptest.Options{Mutate: behindProxy, Clock: testenv.NewClock(time.Now())})
	app.Client().Signup("owner@example.com")
	attacker := app.Client()
	guess := func(c *apptest.Client, addr, password string) apptest.Reply {
		return c.Do("POST", "/api/auth/signin", map[string]string{"email": "owner@example.com", "password": password}, from(addr)...)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := guess(attacker, "203.0.113.66", fmt.Sprintf("guess %d", i))
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if statuses[401] != account.FailuresPerPair || statuses[429] != 20-account.FailuresPerPair {
		t.Fatalf("20 parallel guesses from one address: %v (exactly %d may be checked)", statuses, account.FailuresPerPair)
	}
	if r := guess(app.Client(), "203.0.113.66", "correct horse"); r.Status != 429 {
		t.Fatalf("the guessing address with the right password: %d", r.Status)
	}
	// The owner, from home, is not locked out.
	if r := guess(app.Client(), "198.51.100.7", "correct horse"); r.Status != 200 {
		t.Fatalf("the owner after a stranger's guesses: %d %s", r.Status, r.Body)
	}
	// Many addresses: past BackoffAfter failures each try waits its turn
	// (429 with a short Retry-After), never a quarter-hour lock.
	for i := 0; i < account.BackoffAfter; i++ {
		if r := guess(app.Client(), fmt.Sprintf("203.0.113.%d", i+1), "wrong"); r.Status != 401 {
			t.Fatalf("guess %d: %d %s", i, r.Status, r.Body)
		}
	}
	guess(app.Client(), "203.0.113.200", "wrong") // takes the slot
	r := guess(app.Client(), "198.51.100.7", "correct horse")
	if r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("within the backoff: %d %s", r.Status, r.Body)
	}
	if ra := r.Header.Get("Retry-After"); ra != "1" && ra != "2" {
		t.Fatalf("Retry-After %q, want a backoff of a second or two", ra)
	}
}

// A forwarded header from an untrusted peer changes nothing: without
// TRUSTED_PROXIES a client cannot pick a fresh address per guess.
func TestForwardedForIsIgnoredByDefault(t *testing.T) {
	app := apptest.New(t, apptest.Options{})
	app.Client().Signup("owner@example.com")
	for i := 0; i < account.FailuresPerPair; i++ {
		app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "owner@example.com", "password": "wrong"}, from(fmt.Sprintf("203.0.113.%d", i))...)
	}
	r := app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "owner@example.com", "password": "wrong"}, from("198.51.100.1")...)
	if r.Status != 429 {
		t.Fatalf("a spoofed X-Forwarded-For dodged the throttle: %d", r.Status)
	}
}

func TestChangePasswordAndSignOutEverywhere(t *testing.T) {
	app := apptest.New(t, apptest.Options{})
	laptop := app.Client()
	laptop.Signup("ada@example.com")
	phone := app.Client()
	if r := phone.Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": "correct horse"}); r.Status != 200 {
		t.Fatalf("signin: %d", r.Status)
	}
	for _, tc := range []struct {
		current, next string
		status        int
		code          string
	}{
		{"wrong password", "a new password", 400, "wrong_password"},
		{"correct horse", "         ", 400, "weak_password"},
		{"correct horse", "short", 400, "weak_password"},
		{"correct horse", "battery staple", 204, ""},
	} {
		r := laptop.Do("POST", "/api/auth/password", map[string]string{"current_password": tc.current, "new_password": tc.next})
		if r.Status != tc.status || (tc.code != "" && r.ErrCode(t) != tc.code) {
			t.Fatalf("change %q -> %q: %d %s", tc.current, tc.next, r.Status, r.Body)
		}
	}
	// This session stays; the other is revoked; only the new password works.
	if r := laptop.Do("GET", "/api/auth/session", nil); r.Status != 200 {
		t.Fatalf("the changing session was revoked: %d", r.Status)
	}
	if r := phone.Do("GET", "/api/auth/session", nil); r.Status != 401 {
		t.Fatalf("another session survived a password change: %d", r.Status)
	}
	signin := func(pw string) int {
		return app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": pw}).Status
	}
	if signin("correct horse") != 401 || signin("battery staple") != 200 {
		t.Fatal("the old password still works or the new one does not")
	}
	// Sign out everywhere: every session of the user, this one included.
	phone.Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": "battery staple"})
	r := laptop.Do("POST", "/api/auth/signout-all", nil)
	if r.Status != 204 || setCookie(t, r.Header, "mockroom_session").MaxAge >= 0 {
		t.Fatalf("signout-all: %d %v", r.Status, r.Header)
	}
	for name, c := range map[string]*apptest.Client{"laptop": laptop, "phone": phone} {
		if r := c.Do("GET", "/api/auth/session", nil); r.Status != 401 {
			t.Fatalf("%s is still signed in after sign-out everywhere: %d", name, r.Status)
		}
	}
	if r := app.Client().Do("POST", "/api/auth/signout-all", nil); r.Status != 401 {
		t.Fatalf("signout-all signed out: %d", r.Status)
	}
}

// With SMTP (a real Mailpit): sign-up answers the same for a new and a taken
// address, proves the address by mail, and grants the credits once verified.
func TestSignupWithMailVerifiesTheAddress(t *testing.T) {
	app, mp := mailApp(t, apptest.Options{})
	c := app.Client()
	r := c.Do("POST", "/api/auth/signup", signupBody("new@example.com", "correct horse"))
	if r.Status != http.StatusAccepted || strings.TrimSpace(string(r.Body)) != `{"status":"check_inbox"}` || len(r.Header.Values("Set-Cookie")) != 0 {
		t.Fatalf("sign-up with mail: %d %s %v", r.Status, r.Body, r.Header)
	}
	// A taken address gets the very same answer; its owner gets a notice.
	squat := app.Client().Do("POST", "/api/auth/signup", signupBody("new@example.com", "squatter pass"))
	if squat.Status != r.Status || string(squat.Body) != string(r.Body) || len(squat.Header.Values("Set-Cookie")) != 0 {
		t.Fatalf("a taken address answers differently: %d %s", squat.Status, squat.Body)
	}
	notice := mp.Wait("new@example.com", 2)
	verify := mp.Wait("new@example.com", 1)
	if !strings.Contains(verify.Subject, "Confirm") || !strings.Contains(notice.Subject, "tried to sign up") {
		t.Fatalf("mails: %q then %q", verify.Subject, notice.Subject)
	}
	if strings.Contains(notice.Text, "squatter pass") || strings.Contains(verify.Text, "correct horse") {
		t.Fatal("a password went into a mail")
	}
	// Unverified: no sign-in yet, and no credits.
	if r := app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "new@example.com", "password": "correct horse"}); r.Status != 403 || r.ErrCode(t) != "email_unverified" {
		t.Fatalf("sign-in before verifying: %d %s", r.Status, r.Body)
	}
	// The resend from sign-in replaced the first link.
	tok := tokenIn(t, mp.Wait("new@example.com", 3))
	if r := c.Do("POST", "/api/auth/verify-email", map[string]string{"token": tokenIn(t, verify)}); r.Status != 400 || r.ErrCode(t) != "invalid_token" {
		t.Fatalf("a replaced link still works: %d %s", r.Status, r.Body)
	}
	var out struct {
		User struct {
			EmailVerified bool `json:"email_verified"`
		}
		Profile struct{ Credits int }
	}
	r = c.Do("POST", "/api/auth/verify-email", map[string]string{"token": tok})
	r.JSON(t, &out)
	if r.Status != 200 || !out.User.EmailVerified || out.Profile.Credits != 3 {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	if r := c.Do("GET", "/api/auth/session", nil); r.Status != 200 {
		t.Fatalf("not signed in after verifying: %d", r.Status)
	}
	// Single use.
	if r := app.Client().Do("POST", "/api/auth/verify-email", map[string]string{"token": tok}); r.Status != 400 {
		t.Fatalf("a used link works again: %d", r.Status)
	}
	for _, bad := range []string{"", "no-dot", strings.Split(tok, ".")[0] + ".wrong-secret", strings.Repeat("x", 500)} {
		if r := app.Client().Do("POST", "/api/auth/verify-email", map[string]string{"token": bad}); r.Status != 400 || r.ErrCode(t) != "invalid_token" {
			t.Errorf("token %q: %d %s", bad, r.Status, r.Body)
		}
	}
	if r := app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "new@example.com", "password": "correct horse"}); r.Status != 200 {
		t.Fatalf("sign-in after verifying: %d %s", r.Status, r.Body)
	}
}

// The squatter's side of the same story, with mail: the owner's reset link
// (from the "someone tried" notice or "forgot password") takes the account
// back and revokes every other session.
func TestPasswordResetByMail(t *testing.T) {
	app, mp := mailApp(t, apptest.Options{})
	owner := app.Client()
	owner.Do("POST", "/api/auth/signup", signupBody("ada@example.com", "correct horse"))
	owner.Do("POST", "/api/auth/verify-email", map[string]string{"token": tokenIn(t, mp.Wait("ada@example.com", 1))})
	other := app.Client()
	if r := other.Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": "correct horse"}); r.Status != 200 {
		t.Fatalf("signin: %d %s", r.Status, r.Body)
	}
	// The same answer for a known and an unknown address; mail only to the known.
	for _, email := range []string{"ada@example.com", "nobody@example.com"} {
		r := app.Client().Do("POST", "/api/auth/password/forgot", map[string]string{"email": email})
		if r.Status != http.StatusAccepted || strings.TrimSpace(string(r.Body)) != `{"status":"check_inbox"}` {
			t.Fatalf("forgot %s: %d %s", email, r.Status, r.Body)
		}
	}
	reset := mp.Wait("ada@example.com", 2)
	if !strings.Contains(reset.Subject, "Reset") {
		t.Fatalf("mail %q", reset.Subject)
	}
	tok := tokenIn(t, reset)
	r := app.Client().Do("POST", "/api/auth/password/reset", map[string]string{"token": tok, "password": "        "})
	if r.Status != 400 || r.ErrCode(t) != "weak_password" {
		t.Fatalf("all-space new password: %d %s", r.Status, r.Body)
	}
	fresh := app.Client()
	if r := fresh.Do("POST", "/api/auth/password/reset", map[string]string{"token": tok, "password": "battery staple"}); r.Status != 200 {
		t.Fatalf("reset: %d %s", r.Status, r.Body)
	}
	for name, c := range map[string]*apptest.Client{"owner": owner, "other": other} {
		if r := c.Do("GET", "/api/auth/session", nil); r.Status != 401 {
			t.Fatalf("%s session survived the reset: %d", name, r.Status)
		}
	}
	if r := fresh.Do("GET", "/api/auth/session", nil); r.Status != 200 {
		t.Fatalf("the resetting browser is not signed in: %d", r.Status)
	}
	if r := app.Client().Do("POST", "/api/auth/password/reset", map[string]string{"token": tok, "password": "another one"}); r.Status != 400 {
		t.Fatalf("a reset link works twice: %d", r.Status)
	}
	signin := func(pw string) int {
		return app.Client().Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": pw}).Status
	}
	if signin("correct horse") != 401 || signin("battery staple") != 200 {
		t.Fatal("after reset: the old password works or the new one does not")
	}
	if n := len(mp.Messages("nobody@example.com")); n != 0 {
		t.Fatalf("%d mails to an address without an account", n)
	}
}

func TestPasswordResetWithoutMailSaysSo(t *testing.T) {
	app := apptest.New(t, apptest.Options{})
	r := app.Client().Do("POST", "/api/auth/password/forgot", map[string]string{"email": "ada@example.com"})
	if r.Status != 503 || r.ErrCode(t) != "mail_not_configured" {
		t.Fatalf("forgot without mail: %d %s", r.Status, r.Body)
	}
	var p struct {
		Signups string
		Mail    bool
	}
	app.Client().Do("GET", "/api/auth/providers", nil).JSON(t, &p)
	if p.Signups != "open" || p.Mail {
		t.Fatalf("providers = %+v", p)
	}
}

// TestResendVerification mails a fresh link to an unverified address and
// answers an unknown address exactly alike (nothing says who is registered).
func TestResendVerification(t *testing.T) {
	app, mp := mailApp(t, apptest.Options{})
	c := app.Client()
	if r := c.Do("POST", "/api/auth/signup", signupBody("again@example.com", "correct horse")); r.Status != http.StatusAccepted {
		t.Fatalf("sign-up: %d %s", r.Status, r.Body)
	}
	first := mp.Wait("again@example.com", 1)
	known := c.Do("POST", "/api/auth/verify-email/resend", map[string]string{"email": "again@example.com"})
	unknown := c.Do("POST", "/api/auth/verify-email/resend", map[string]string{"email": "nobody@example.com"})
	if known.Status != http.StatusAccepted || unknown.Status != known.Status || string(unknown.Body) != string(known.Body) {
		t.Fatalf("resend: %d %s, unknown address: %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
	}
	second := mp.Wait("again@example.com", 2)
	if tokenIn(t, second) == tokenIn(t, first) {
		t.Fatal("the resent mail carries the old link")
	}
	if r := c.Do("POST", "/api/auth/verify-email", map[string]string{"token": tokenIn(t, second)}); r.Status != http.StatusOK {
		t.Fatalf("the resent link: %d %s", r.Status, r.Body)
	}
}
