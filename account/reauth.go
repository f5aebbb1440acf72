package account

import (
	"context"
	"strings"

	"github.com/mockroom/mockroom"
)

// Reauthenticate proves, for an irreversible act (deleting the account),
// that the person at the keyboard owns the account and not only the open
// browser: the current password when the account has one; for an account
// made through a provider (no password), the account's e-mail address typed
// out, as a deliberate confirmation. Wrong passwords count against the same
// budget as a password change.
func (s *Service) Reauthenticate(ctx context.Context, userID, password, email string) error {
	const op = "account.Reauthenticate"
	u, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	if u.PasswordHash == "" {
		typed, err := NormalizeEmail(email)
		if err != nil || typed != u.Email {
			return invalid("confirmation_mismatch", "type your account's e-mail address to confirm")
		}
		return nil
	}
	if password == "" {
		return invalid("password_required", "enter your current password to confirm")
	}
	ok, retry, err := s.limiter.Allow(ctx, "password-change:"+u.ID, FailuresPerPair, FailureWindow)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	if !ok {
		return rateLimited(retry, "too many wrong passwords; try again in a few minutes")
	}
	if len(password) > MaxPasswordLen || !CheckPassword(u.PasswordHash, password) {
		return invalid("wrong_password", "the password is not correct")
	}
	s.limiter.Reset(ctx, "password-change:"+u.ID)
	return nil
}

// HasPassword reports whether the account signs in with a password (the
// web app asks for it before a deletion; otherwise for the typed e-mail).
func (s *Service) HasPassword(ctx context.Context, userID string) (bool, error) {
	u, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(u.PasswordHash) != "", nil
}
