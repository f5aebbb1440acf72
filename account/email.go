package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/mail"
)

// How long the links stay good, and how many mails one address may get.
const (
	VerifyLinkLifetime = 48 * time.Hour
	ResetLinkLifetime  = time.Hour
	InviteLifetime     = 7 * 24 * time.Hour
	MailsPerAddress    = 5 // per hour, all kinds together: no mail-bombing through our forms
)

func badLink() error {
	return invalid("invalid_token", "this link is invalid, has expired or was already used; ask for a new one")
}

// newEmailToken makes a token "<id>.<secret>" and the row that stores only
// the secret's hash.
func (s *Service) newEmailToken(purpose, userID, email string, life time.Duration) (string, *EmailToken) {
	id, secret := make([]byte, 16), make([]byte, 32)
	rand.Read(id)
	rand.Read(secret)
	b64 := base64.RawURLEncoding
	sec := b64.EncodeToString(secret)
	now := s.clock.Now()
	t := &EmailToken{ID: b64.EncodeToString(id), VerifierHash: hashToken(sec), Purpose: purpose, UserID: userID,
		Email: email, CreatedAt: now, ExpiresAt: now.Add(life)}
	return t.ID + "." + sec, t
}

// checkToken finds a token of purpose and compares its secret in constant
// time; it does not use it up.
func (s *Service) checkToken(ctx context.Context, token, purpose string) (*EmailToken, error) {
	id, secret, ok := strings.Cut(token, ".")
	if !ok || id == "" || len(id) > 64 || secret == "" || len(secret) > 128 {
		return nil, badLink()
	}
	t, err := s.store.EmailToken(ctx, id)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, badLink()
	}
	if err != nil {
		return nil, mockroom.Wrap("account.checkToken", err)
	}
	if subtle.ConstantTimeCompare([]byte(hashToken(secret)), []byte(t.VerifierHash)) != 1 ||
		t.Purpose != purpose || !s.clock.Now().Before(t.ExpiresAt) {
		return nil, badLink()
	}
	return t, nil
}

// takeToken checks a token and uses it up; of two concurrent callers only
// one gets it.
func (s *Service) takeToken(ctx context.Context, token, purpose string) (*EmailToken, error) {
	t, err := s.checkToken(ctx, token, purpose)
	if err != nil {
		return nil, err
	}
	if err := s.store.UseEmailToken(ctx, t.ID, s.clock.Now()); mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, badLink()
	} else if err != nil {
		return nil, mockroom.Wrap("account.takeToken", err)
	}
	return t, nil
}

func (s *Service) link(path, token string) string {
	return s.cfg.BaseURL + path + "?token=" + url.QueryEscape(token)
}

// send mails m in the background, so that a reply takes as long whether or
// not a mail went out (that difference would tell who has an account). A
// failure is logged; the person can ask again.
func (s *Service) send(ctx context.Context, m mail.Message) {
	s.mails.Add(1)
	go func() {
		defer s.mails.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if err := s.cfg.Mailer.Send(ctx, m); err != nil {
			s.log.ErrorContext(ctx, "sending mail failed", "subject", m.Subject, "err", err)
		}
	}()
}

// mailAllowed takes one mail from the address's hourly allowance.
func (s *Service) mailAllowed(ctx context.Context, email string) (bool, error) {
	ok, _, err := s.limiter.Allow(ctx, "mail:"+email, MailsPerAddress, time.Hour)
	return ok, err
}

// mailTokenTo stores a token and mails its link, within the allowance.
func (s *Service) mailTokenTo(ctx context.Context, u *User, purpose string, life time.Duration, compose func(link string) mail.Message) error {
	if ok, err := s.mailAllowed(ctx, u.Email); err != nil || !ok {
		if !ok && err == nil {
			s.log.WarnContext(ctx, "mail allowance used up; not sending", "user_id", u.ID, "purpose", purpose)
		}
		return err
	}
	token, t := s.newEmailToken(purpose, u.ID, u.Email, life)
	if err := s.store.CreateEmailToken(ctx, t); err != nil {
		return err
	}
	path := "/verify-email"
	if purpose == TokenReset {
		path = "/reset-password"
	}
	m := compose(s.link(path, token))
	m.To = u.Email
	s.send(ctx, m)
	return nil
}

func (s *Service) mailVerification(ctx context.Context, u *User) error {
	return s.mailTokenTo(ctx, u, TokenVerify, VerifyLinkLifetime, func(link string) mail.Message {
		return mail.Message{Subject: "Confirm your e-mail address for mockroom", Text: fmt.Sprintf(
			"Welcome to mockroom.\n\nConfirm that this address is yours to finish signing up; your free interview credits arrive once you do:\n\n%s\n\n"+
				"The link works once and expires in %d hours. If you did not sign up, ignore this mail: nothing happens without the link.\n",
			link, int(VerifyLinkLifetime.Hours()))}
	})
}

// mailAccountExists answers a sign-up with a taken address: the owner learns
// of it and gets a reset link, which also takes the account back if a
// squatter made it.
func (s *Service) mailAccountExists(ctx context.Context, u *User) error {
	return s.mailTokenTo(ctx, u, TokenReset, ResetLinkLifetime, func(link string) mail.Message {
		return mail.Message{Subject: "Someone tried to sign up to mockroom with your address", Text: fmt.Sprintf(
			"Someone just tried to create a mockroom account with this address, which already has one.\n\n"+
				"If it was you, sign in at %s/signin. If you forgot your password, or do not remember creating this account, set a new password here; it signs out everyone else:\n\n%s\n\n"+
				"The link works once and expires in %d minutes. If it was not you, you can ignore this mail.\n",
			s.cfg.BaseURL, link, int(ResetLinkLifetime.Minutes()))}
	})
}

func (s *Service) mailReset(ctx context.Context, u *User) error {
	return s.mailTokenTo(ctx, u, TokenReset, ResetLinkLifetime, func(link string) mail.Message {
		return mail.Message{Subject: "Reset your mockroom password", Text: fmt.Sprintf(
			"Someone (hopefully you) asked to reset the password of your mockroom account.\n\nChoose a new password here; it signs out every other session:\n\n%s\n\n"+
				"The link works once and expires in %d minutes. If you did not ask, ignore this mail: your password stays as it is.\n",
			link, int(ResetLinkLifetime.Minutes()))}
	})
}

func noMail() error {
	return mockroom.Errorf(mockroom.KindUnavailable, "mail_not_configured", "this server cannot send e-mail; ask its operator for help with your account")
}

// throttleAddress takes one of limit requests per hour of kind from the
// client's address.
func (s *Service) throttleAddress(ctx context.Context, kind string, limit int, c Client) error {
	ok, retry, err := s.limiter.Allow(ctx, kind+":ip:"+c.IP, limit, time.Hour)
	if err != nil {
		return mockroom.Wrap("account.throttle", err)
	}
	if !ok {
		return rateLimited(retry, "too many requests from your address; try again later")
	}
	return nil
}

// ForgotPassword mails a reset link when the address has an account. The
// answer is the same either way.
func (s *Service) ForgotPassword(ctx context.Context, email string, c Client) error {
	const op = "account.ForgotPassword"
	ctx = mockroom.AsService(ctx) // nobody is signed in: the lookup by address reads all users
	if s.cfg.Mailer == nil {
		return noMail()
	}
	email, err := NormalizeEmail(email)
	if err != nil {
		return err
	}
	if err := s.throttleAddress(ctx, "forgot", 10, c); err != nil {
		return err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil
	}
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	return mockroom.Wrap(op, s.mailReset(ctx, u))
}

// ResendVerification mails a new verification link when the address has an
// unverified account. The answer is the same either way.
func (s *Service) ResendVerification(ctx context.Context, email string, c Client) error {
	const op = "account.ResendVerification"
	ctx = mockroom.AsService(ctx) // nobody is signed in: the lookup by address reads all users
	if s.cfg.Mailer == nil {
		return noMail()
	}
	email, err := NormalizeEmail(email)
	if err != nil {
		return err
	}
	if err := s.throttleAddress(ctx, "resend", 10, c); err != nil {
		return err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if mockroom.IsKind(err, mockroom.KindNotFound) || (err == nil && u.EmailVerified) {
		return nil
	}
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	return mockroom.Wrap(op, s.mailVerification(ctx, u))
}

// VerifyEmail uses a verification link: the address is verified, the signup
// credits are granted (once) and the browser that opened the link is
// signed in.
func (s *Service) VerifyEmail(ctx context.Context, token string, c Client) (*Signed, error) {
	const op = "account.VerifyEmail"
	ctx = mockroom.AsService(ctx) // the link is all there is: its token row names the user
	t, err := s.takeToken(ctx, token, TokenVerify)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.VerifyEmail(ctx, t.UserID, s.clock.Now(), s.cfg.SignupCredits); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return s.startSession(ctx, u, nil, c)
}

// ResetPassword uses a reset link: the new password replaces the old, every
// session is revoked, and the address counts as verified (the link reached
// its owner). The browser that used the link is signed in afresh.
func (s *Service) ResetPassword(ctx context.Context, token, password string, c Client) (*Signed, error) {
	const op = "account.ResetPassword"
	ctx = mockroom.AsService(ctx) // the link is all there is: its token row names the user
	if err := ValidatePassword(password); err != nil {
		return nil, err
	}
	t, err := s.takeToken(ctx, token, TokenReset)
	if err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if err := s.store.SetPassword(ctx, t.UserID, hash, ""); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if _, err := s.store.VerifyEmail(ctx, t.UserID, s.clock.Now(), s.cfg.SignupCredits); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	s.limiter.Reset(ctx, "signin-fail:email:"+u.Email)
	return s.startSession(ctx, u, nil, c)
}

// ChangePassword sets a new password for a signed-in user and revokes every
// other session; currentToken is the cookie of the session that asks, which
// stays. The current password is required when the account has one (an
// account made through a provider has none and may set one).
func (s *Service) ChangePassword(ctx context.Context, userID, currentToken, current, password string) error {
	const op = "account.ChangePassword"
	u, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	if u.PasswordHash != "" {
		// The attempt is taken before the check, as at sign-in.
		ok, retry, err := s.limiter.Allow(ctx, "password-change:"+u.ID, FailuresPerPair, FailureWindow)
		if err != nil {
			return mockroom.Wrap(op, err)
		}
		if !ok {
			return rateLimited(retry, "too many wrong current passwords; try again in a few minutes")
		}
		if len(current) > MaxPasswordLen || !CheckPassword(u.PasswordHash, current) {
			return invalid("wrong_password", "the current password is not correct")
		}
		s.limiter.Reset(ctx, "password-change:"+u.ID)
	}
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	return mockroom.Wrap(op, s.store.SetPassword(ctx, u.ID, hash, hashToken(currentToken)))
}

// CreateInvite makes a single-use invite for email (SIGNUPS=invite) and
// returns the sign-up link to hand to its owner.
func (s *Service) CreateInvite(ctx context.Context, email string) (string, time.Time, error) {
	ctx = mockroom.AsService(ctx) // an admin or the operator writes a token that is no user's row
	email, err := NormalizeEmail(email)
	if err != nil {
		return "", time.Time{}, err
	}
	token, t := s.newEmailToken(TokenInvite, "", email, InviteLifetime)
	if err := s.store.CreateEmailToken(ctx, t); err != nil {
		return "", time.Time{}, mockroom.Wrap("account.CreateInvite", err)
	}
	return s.cfg.BaseURL + "/signup?invite=" + url.QueryEscape(token) + "&email=" + url.QueryEscape(email), t.ExpiresAt, nil
}
