package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	netmail "net/mail"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/mail"
	"github.com/mockroom/mockroom/ratelimit"
)

// Limits on what a candidate may send.
const (
	MinPasswordLen  = 8
	MaxPasswordLen  = 256
	MaxNameLen      = 120
	MaxCompanies    = 20
	MaxCompanyLen   = 60
	SessionLifetime = 30 * 24 * time.Hour
)

// Who may create an account (SIGNUPS). The first account of an instance may
// always be created, whatever the mode: it becomes the admin.
const (
	SignupsOpen   = "open"   // anyone
	SignupsInvite = "invite" // only with an invite link (mockroom invite EMAIL)
	SignupsClosed = "closed" // nobody after the first account
)

// Config is the account service's settings.
type Config struct {
	SignupCredits int
	Signups       string      // SignupsOpen (default), SignupsInvite or SignupsClosed
	Mailer        mail.Sender // nil: no mail path (see Signup for what changes)
	BaseURL       string      // links in mails, e.g. https://mockroom.example.com
	// SignupsPerHour caps new accounts from everyone together; 0 means
	// DefaultSignupsPerHour. Each client address has its own, lower cap.
	SignupsPerHour    int
	SignupsPerAddress int // per client address per hour; 0 means DefaultSignupsPerAddress
	Log               *slog.Logger
}

// Sign-up throttles.
const (
	DefaultSignupsPerHour    = 60
	DefaultSignupsPerAddress = 5
)

// Service implements sign-up, sign-in, e-mail verification, password reset
// and profiles.
type Service struct {
	store   Store
	clock   mockroom.Clock
	limiter ratelimit.Limiter
	cfg     Config
	log     *slog.Logger
	mails   sync.WaitGroup // mails being sent in the background
}

// NewService wires the account service.
func NewService(store Store, limiter ratelimit.Limiter, clock mockroom.Clock, cfg Config) *Service {
	if cfg.Signups == "" {
		cfg.Signups = SignupsOpen
	}
	if cfg.SignupsPerHour <= 0 {
		cfg.SignupsPerHour = DefaultSignupsPerHour
	}
	if cfg.SignupsPerAddress <= 0 {
		cfg.SignupsPerAddress = DefaultSignupsPerAddress
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: store, limiter: limiter, clock: clock, cfg: cfg, log: log}
}

// MailEnabled reports whether the service can send mail, i.e. whether
// addresses are verified and passwords can be reset by e-mail.
func (s *Service) MailEnabled() bool { return s.cfg.Mailer != nil }

// Close waits for mails still being sent.
func (s *Service) Close() { s.mails.Wait() }

// Client describes where a request came from, for sessions and throttling.
type Client struct {
	IP        string
	UserAgent string
}

// Signed is the result of a successful sign-up or sign-in: the user and the
// cookie token (the store keeps only its hash).
type Signed struct {
	User    *User
	Profile *Profile
	Token   string
	Expires time.Time
}

func invalid(code, format string, args ...any) error {
	return mockroom.Errorf(mockroom.KindInvalid, code, format, args...)
}

func rateLimited(retry time.Duration, msg string) error {
	e := mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "%s", msg)
	e.RetryAfter = max(retry, time.Second)
	return e
}

// NormalizeEmail lower-cases and validates an address.
func NormalizeEmail(email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return "", invalid("invalid", "email is required")
	}
	if len(email) > 254 {
		return "", invalid("invalid", "email is too long")
	}
	a, err := netmail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@'):], ".") {
		return "", invalid("invalid", "email is not a valid address")
	}
	return email, nil
}

func validName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxNameLen {
		return "", invalid("invalid", "full_name must be at most %d characters", MaxNameLen)
	}
	return name, nil
}

// SignupInput is what the sign-up form sends.
type SignupInput struct {
	Email    string
	Password string
	FullName string
	Invite   string // the token of an invite link, when SIGNUPS=invite
}

// Signup creates an account.
//
// With a mailer it never signs in and answers the same whether or not the
// address is taken (nil, nil: "check your inbox"): a new account gets a
// verification link and its credits once verified; the owner of a taken
// address gets a notice with a reset link instead, so a squatter learns
// nothing and the owner can take the account back.
//
// Without a mailer nobody's address can be proven: the account is created
// unverified with its credits and signed in, and a taken address is an
// email_taken conflict. That answer reveals the address is registered, as
// any sign-up that signs in at once must (the squatter's password would
// simply fail); the per-address and global sign-up throttles bound how fast
// anyone can ask, and off loopback SIGNUPS defaults to invite without SMTP.
func (s *Service) Signup(ctx context.Context, in SignupInput, c Client) (*Signed, error) {
	const op = "account.Signup"
	ctx = mockroom.AsService(ctx) // nobody is signed in yet: the address and first-account checks read all users
	email, err := NormalizeEmail(in.Email)
	if err != nil {
		return nil, err
	}
	if err := ValidatePassword(in.Password); err != nil {
		return nil, err
	}
	fullName, err := validName(in.FullName)
	if err != nil {
		return nil, err
	}
	invite, err := s.admit(ctx, email, in.Invite)
	if err != nil {
		return nil, err
	}
	if err := s.throttleSignup(ctx, c); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if s.cfg.Mailer == nil {
		u, p, err := s.createUser(ctx, &User{Email: email, PasswordHash: hash}, fullName, s.cfg.SignupCredits)
		if err != nil {
			return nil, mockroom.Wrap(op, err)
		}
		s.useInvite(ctx, invite)
		return s.startSession(ctx, u, p, c)
	}
	// The credits wait for the verification (VerifyEmail grants them).
	u, _, err := s.createUser(ctx, &User{Email: email, PasswordHash: hash}, fullName, 0)
	switch {
	case err == nil:
		s.useInvite(ctx, invite)
		if err := s.mailVerification(ctx, u); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
	case mockroom.IsKind(err, mockroom.KindConflict):
		owner, lerr := s.store.UserByEmail(ctx, email)
		if lerr != nil {
			return nil, mockroom.Wrap(op, lerr)
		}
		if err := s.mailAccountExists(ctx, owner); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
	default:
		return nil, mockroom.Wrap(op, err)
	}
	return nil, nil
}

// admit applies SIGNUPS: the first account always, then anyone (open), the
// holder of an invite for this address (invite), or nobody (closed). It
// returns the invite to use up once the account exists.
func (s *Service) admit(ctx context.Context, email, invite string) (*EmailToken, error) {
	first, err := s.store.HasFirstAccount(ctx)
	if err != nil {
		return nil, mockroom.Wrap("account.admit", err)
	}
	if !first || s.cfg.Signups == SignupsOpen {
		return nil, nil
	}
	if s.cfg.Signups == SignupsInvite && invite != "" {
		t, err := s.checkToken(ctx, invite, TokenInvite)
		if err != nil {
			return nil, err
		}
		if t.Email != email {
			return nil, invalid("invite_email_mismatch", "this invite is for another e-mail address")
		}
		return t, nil
	}
	if s.cfg.Signups == SignupsInvite {
		return nil, mockroom.Errorf(mockroom.KindForbidden, "invite_required", "sign-ups on this server need an invite; ask its operator for one")
	}
	return nil, mockroom.Errorf(mockroom.KindForbidden, "signups_closed", "this server does not take new sign-ups")
}

// useInvite spends the invite. Its address can hold only one account, so a
// second sign-up racing on the same invite fails as email_taken anyway.
func (s *Service) useInvite(ctx context.Context, t *EmailToken) {
	if t == nil {
		return
	}
	if err := s.store.UseEmailToken(ctx, t.ID, s.clock.Now()); err != nil && !mockroom.IsKind(err, mockroom.KindNotFound) {
		s.log.WarnContext(ctx, "spending an invite", "err", err)
	}
}

// throttleSignup takes one sign-up from the client's address and one from
// everyone's: 25 accounts in 1.5 s from one address was the finding.
func (s *Service) throttleSignup(ctx context.Context, c Client) error {
	for _, l := range []struct {
		key   string
		limit int
		msg   string
	}{
		{"signup:ip:" + c.IP, s.cfg.SignupsPerAddress, "too many sign-ups from your address; try again later"},
		{"signup:all", s.cfg.SignupsPerHour, "too many sign-ups on this server right now; try again later"},
	} {
		ok, retry, err := s.limiter.Allow(ctx, l.key, l.limit, time.Hour)
		if err != nil {
			return mockroom.Wrap("account.throttleSignup", err)
		}
		if !ok {
			return rateLimited(retry, l.msg)
		}
	}
	return nil
}

func (s *Service) createUser(ctx context.Context, u *User, fullName string, credits int) (*User, *Profile, error) {
	now := s.clock.Now()
	u.ID, u.CreatedAt = mockroom.NewID(), now
	p := &Profile{ID: u.ID, Email: u.Email, FullName: fullName, TargetCompanies: []string{},
		SubscriptionTier: TierFree, Credits: credits, CreatedAt: now, UpdatedAt: now}
	if err := s.store.CreateUser(ctx, u, p, credits); err != nil {
		return nil, nil, err
	}
	return u, p, nil
}

func (s *Service) startSession(ctx context.Context, u *User, p *Profile, c Client) (*Signed, error) {
	// Every way in (password, provider, mailed link) ends here, after the
	// credentials were checked: a suspended account is told so only then.
	if u.SuspendedAt != nil {
		return nil, ErrSuspended()
	}
	token, hash := newToken()
	now := s.clock.Now()
	as := &AuthSession{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime),
		UserAgent: truncate(c.UserAgent, 256), IP: truncate(c.IP, 64)}
	if err := s.store.CreateAuthSession(ctx, as); err != nil {
		return nil, mockroom.Wrap("account.startSession", err)
	}
	if p == nil {
		var err error
		if p, err = s.store.Profile(mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: u.ID}), u.ID); err != nil {
			return nil, mockroom.Wrap("account.startSession", err)
		}
	}
	return &Signed{User: u, Profile: p, Token: token, Expires: as.ExpiresAt}, nil
}

// Signin checks the password behind the throttles of throttle.go. With a
// mailer, an account whose address is not verified yet cannot sign in: it
// gets a fresh verification link instead.
func (s *Service) Signin(ctx context.Context, email, password string, c Client) (*Signed, error) {
	const op = "account.Signin"
	ctx = mockroom.AsService(ctx) // nobody is signed in yet: the lookup by address reads all users
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || password == "" {
		return nil, invalid("invalid", "email and password are required")
	}
	if len(email) > 254 || len(password) > MaxPasswordLen {
		return nil, mockroom.Errorf(mockroom.KindUnauthenticated, "invalid_credentials", "email or password is incorrect")
	}
	g, err := s.takeSigninAttempt(ctx, email, c)
	if err != nil {
		return nil, err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, mockroom.Wrap(op, err)
	}
	ok := false
	if u != nil && u.PasswordHash != "" {
		ok = CheckPassword(u.PasswordHash, password)
	} else {
		CheckPassword(dummyHash, password)
	}
	if !ok {
		g.failed(ctx)
		return nil, mockroom.Errorf(mockroom.KindUnauthenticated, "invalid_credentials", "email or password is incorrect")
	}
	g.succeeded(ctx)
	if s.cfg.Mailer != nil && !u.EmailVerified {
		if err := s.mailVerification(ctx, u); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
		return nil, mockroom.Errorf(mockroom.KindForbidden, "email_unverified", "confirm your e-mail address first: we sent a new link to %s", u.Email)
	}
	return s.startSession(ctx, u, nil, c)
}

// Signout revokes the session behind token.
func (s *Service) Signout(ctx context.Context, token string) error {
	ctx = mockroom.AsService(ctx) // the token is the credential, even for a session already expired
	if token == "" {
		return nil
	}
	return s.store.DeleteAuthSession(ctx, hashToken(token))
}

// SignoutEverywhere revokes every session of the user, this one included.
func (s *Service) SignoutEverywhere(ctx context.Context, userID string) error {
	return s.store.DeleteUserAuthSessions(ctx, userID)
}

// Authenticate returns the user behind a cookie token, or KindUnauthenticated.
func (s *Service) Authenticate(ctx context.Context, token string) (*User, error) {
	ctx = mockroom.AsService(ctx) // the cookie is all there is: its session row names the user
	unauth := mockroom.Errorf(mockroom.KindUnauthenticated, "unauthenticated", "sign in to continue")
	if token == "" || len(token) > 128 {
		return nil, unauth
	}
	as, err := s.store.AuthSession(ctx, hashToken(token), s.clock.Now())
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, unauth
	}
	if err != nil {
		return nil, mockroom.Wrap("account.Authenticate", err)
	}
	u, err := s.store.UserByID(ctx, as.UserID)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, unauth
	}
	if err == nil && u.SuspendedAt != nil {
		// Suspending revokes the sessions; this covers one created in the
		// same instant.
		return nil, unauth
	}
	return u, err
}

// ErrSuspended is what a suspended account gets when it tries to sign in.
func ErrSuspended() error {
	return mockroom.Errorf(mockroom.KindForbidden, "account_suspended", "this account is suspended; contact the operator of this server")
}

// Profile returns the caller's profile.
func (s *Service) Profile(ctx context.Context, userID string) (*Profile, error) {
	return s.store.Profile(ctx, userID)
}

// UpdateProfile validates and applies a partial update.
func (s *Service) UpdateProfile(ctx context.Context, userID string, upd ProfileUpdate) (*Profile, error) {
	if upd.FullName != nil {
		n, err := validName(*upd.FullName)
		if err != nil {
			return nil, err
		}
		upd.FullName = &n
	}
	if upd.ExperienceLevel != nil && *upd.ExperienceLevel != "" && !slices.Contains(ExperienceLevels, *upd.ExperienceLevel) {
		return nil, invalid("invalid", "experience_level must be one of %s", strings.Join(ExperienceLevels, ", "))
	}
	if upd.TargetCompanies != nil {
		seen := map[string]bool{}
		clean := []string{}
		for _, c := range *upd.TargetCompanies {
			c = strings.TrimSpace(c)
			if c == "" || seen[strings.ToLower(c)] {
				continue
			}
			if utf8.RuneCountInString(c) > MaxCompanyLen {
				return nil, invalid("invalid", "each target company must be at most %d characters", MaxCompanyLen)
			}
			seen[strings.ToLower(c)] = true
			clean = append(clean, c)
		}
		if len(clean) > MaxCompanies {
			return nil, invalid("invalid", "at most %d target companies", MaxCompanies)
		}
		upd.TargetCompanies = &clean
	}
	return s.store.UpdateProfile(ctx, userID, upd)
}

// ExternalUser is what an OAuth provider told us about a person.
type ExternalUser struct {
	Provider      string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// OAuthSignin signs in the user linked to an external identity, linking it to
// the account with the same verified email or creating a new account.
//
// A provider identity is never linked to an account whose address is not
// verified: such an account may be a squatter's, made with someone else's
// address (pre-account takeover). The provider vouches that the person
// signing in owns the address, so that person takes the account over: its
// password is removed (it may be the squatter's), every session and pending
// e-mail link is revoked, and only then is the address marked verified and
// the identity linked. If the password account was the owner's own, they
// lost only password sign-in; "forgot password" or settings set a new one.
func (s *Service) OAuthSignin(ctx context.Context, x ExternalUser, c Client) (*Signed, error) {
	const op = "account.OAuthSignin"
	ctx = mockroom.AsService(ctx) // nobody is signed in yet: the identity and address lookups read all users
	if x.Provider == "" || x.Subject == "" {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "oauth_failed", "the sign-in provider returned no account id")
	}
	u, err := s.store.IdentityUser(ctx, x.Provider, x.Subject)
	if err == nil {
		return s.startSession(ctx, u, nil, c)
	}
	if !mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, mockroom.Wrap(op, err)
	}
	email, err := NormalizeEmail(x.Email)
	if err != nil || !x.EmailVerified {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "oauth_email_unverified", "your %s account has no verified email address; verify one there or sign up with email", x.Provider)
	}
	var p *Profile
	u, err = s.store.UserByEmail(ctx, email)
	switch {
	case mockroom.IsKind(err, mockroom.KindNotFound):
		if _, err := s.admit(ctx, email, ""); err != nil {
			return nil, err
		}
		if err := s.throttleSignup(ctx, c); err != nil {
			return nil, err
		}
		name, _ := validName(x.Name)
		if u, p, err = s.createUser(ctx, &User{Email: email, EmailVerified: true}, name, s.cfg.SignupCredits); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
	case err != nil:
		return nil, mockroom.Wrap(op, err)
	case !u.EmailVerified:
		if err := s.store.SetPassword(ctx, u.ID, "", ""); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
		if _, err := s.store.VerifyEmail(ctx, u.ID, s.clock.Now(), s.cfg.SignupCredits); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
		s.log.InfoContext(ctx, "unverified account taken over by the provider-verified owner of its address", "user_id", u.ID, "provider", x.Provider)
		u.PasswordHash, u.EmailVerified = "", true
	}
	if err := s.store.LinkIdentity(ctx, &Identity{Provider: x.Provider, Subject: x.Subject, UserID: u.ID, Email: email, CreatedAt: s.clock.Now()}); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return s.startSession(ctx, u, p, c)
}

// newToken returns a random cookie token and the hash the store keeps.
func newToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// Signups is the SIGNUPS mode in force.
func (s *Service) Signups() string { return s.cfg.Signups }
