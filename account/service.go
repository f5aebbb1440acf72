package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
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

// Brute-force protection: failures per email and per client address.
const (
	FailuresPerEmail = 5
	FailuresPerIP    = 30
	FailureWindow    = 15 * time.Minute
)

// Service implements sign-up, sign-in and profiles.
type Service struct {
	store         Store
	clock         mockroom.Clock
	limiter       ratelimit.Limiter
	signupCredits int
}

// NewService wires the account service.
func NewService(store Store, limiter ratelimit.Limiter, clock mockroom.Clock, signupCredits int) *Service {
	return &Service{store: store, limiter: limiter, clock: clock, signupCredits: signupCredits}
}

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

// NormalizeEmail lower-cases and validates an address.
func NormalizeEmail(email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return "", invalid("invalid", "email is required")
	}
	if len(email) > 254 {
		return "", invalid("invalid", "email is too long")
	}
	a, err := mail.ParseAddress(email)
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

// Signup creates an account with the signup credits and signs it in.
func (s *Service) Signup(ctx context.Context, email, password, fullName string, c Client) (*Signed, error) {
	const op = "account.Signup"
	email, err := NormalizeEmail(email)
	if err != nil {
		return nil, err
	}
	if n := utf8.RuneCountInString(password); n < MinPasswordLen {
		return nil, invalid("weak_password", "password must be at least %d characters", MinPasswordLen)
	} else if len(password) > MaxPasswordLen {
		return nil, invalid("invalid", "password must be at most %d bytes", MaxPasswordLen)
	}
	if fullName, err = validName(fullName); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	u, p, err := s.createUser(ctx, email, hash, fullName)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return s.startSession(ctx, u, p, c)
}

func (s *Service) createUser(ctx context.Context, email, hash, fullName string) (*User, *Profile, error) {
	now := s.clock.Now()
	u := &User{ID: mockroom.NewID(), Email: email, PasswordHash: hash, CreatedAt: now}
	p := &Profile{ID: u.ID, Email: email, FullName: fullName, TargetCompanies: []string{},
		SubscriptionTier: TierFree, Credits: s.signupCredits, CreatedAt: now, UpdatedAt: now}
	if err := s.store.CreateUser(ctx, u, p, s.signupCredits); err != nil {
		return nil, nil, err
	}
	return u, p, nil
}

func (s *Service) startSession(ctx context.Context, u *User, p *Profile, c Client) (*Signed, error) {
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

// Signin checks the password, throttling repeated failures per email and per
// client address.
func (s *Service) Signin(ctx context.Context, email, password string, c Client) (*Signed, error) {
	const op = "account.Signin"
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || password == "" {
		return nil, invalid("invalid", "email and password are required")
	}
	emailKey, ipKey := "signin-fail:email:"+email, "signin-fail:ip:"+c.IP
	locked := func() error {
		e := mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "too many failed sign-in attempts; try again in a few minutes or reset your password")
		e.RetryAfter = FailureWindow
		return e
	}
	n, err := s.limiter.Count(ctx, ipKey, FailureWindow)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if n >= FailuresPerIP {
		return nil, locked()
	}
	// The email's attempt is taken before the password is checked (and given
	// back by the reset on success): counting only after a failure let
	// parallel guesses all pass a check that saw none of the others.
	ok, _, err := s.limiter.Allow(ctx, emailKey, FailuresPerEmail, FailureWindow)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if !ok {
		return nil, locked()
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, mockroom.Wrap(op, err)
	}
	ok = false
	if u != nil && u.PasswordHash != "" {
		ok = CheckPassword(u.PasswordHash, password)
	} else {
		CheckPassword(dummyHash, password)
	}
	if !ok {
		s.limiter.Allow(ctx, ipKey, 1<<30, FailureWindow)
		return nil, mockroom.Errorf(mockroom.KindUnauthenticated, "invalid_credentials", "email or password is incorrect")
	}
	s.limiter.Reset(ctx, emailKey)
	return s.startSession(ctx, u, nil, c)
}

// Signout revokes the session behind token.
func (s *Service) Signout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.DeleteAuthSession(ctx, hashToken(token))
}

// Authenticate returns the user behind a cookie token, or KindUnauthenticated.
func (s *Service) Authenticate(ctx context.Context, token string) (*User, error) {
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
	return u, err
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
func (s *Service) OAuthSignin(ctx context.Context, x ExternalUser, c Client) (*Signed, error) {
	const op = "account.OAuthSignin"
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
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		name, _ := validName(x.Name)
		if u, p, err = s.createUser(ctx, email, "", name); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
	} else if err != nil {
		return nil, mockroom.Wrap(op, err)
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
