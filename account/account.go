// Package account holds users, their profiles, sign-in sessions and linked
// OAuth identities, and the rules for creating and authenticating them.
package account

import (
	"context"
	"time"
)

// Experience levels a profile may name.
var ExperienceLevels = []string{"junior", "mid", "senior", "staff"}

// Subscription tiers.
const (
	TierFree       = "free"
	TierPro        = "pro"
	TierEnterprise = "enterprise"
)

// User is a sign-in principal. PasswordHash is empty for OAuth-only users.
type User struct {
	ID           string
	Email        string // lower-cased
	PasswordHash string
	IsAdmin      bool
	CreatedAt    time.Time
	// EmailVerified is set once the owner of the address proved it: a mailed
	// link, a password reset, or a provider that vouches for the address.
	// Only a verified account may be linked to an OAuth identity.
	EmailVerified bool
	// SuspendedAt is set while an admin has suspended the account: it cannot
	// sign in, and its sessions were revoked when it was suspended.
	SuspendedAt *time.Time
}

// Profile is what a candidate sees and edits about themselves (seed: profiles).
type Profile struct {
	ID               string    `json:"id"`
	Email            string    `json:"email"`
	FullName         string    `json:"full_name"`
	ExperienceLevel  string    `json:"experience_level" enum:",junior,mid,senior,staff"` // "" or one of ExperienceLevels
	TargetCompanies  []string  `json:"target_companies"`
	Credits          int       `json:"credits"` // mirror of the ledger's balance, kept by storage
	SubscriptionTier string    `json:"subscription_tier"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// ProfileUpdate is a partial update; nil fields are left alone.
type ProfileUpdate struct {
	FullName        *string
	ExperienceLevel *string
	TargetCompanies *[]string
}

// AuthSession is a server-side, revocable sign-in session. Only the SHA-256
// of the cookie token is stored, so a leaked database does not leak sessions.
type AuthSession struct {
	TokenHash string
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	UserAgent string
	IP        string
}

// Identity links an external OAuth account to a user.
type Identity struct {
	Provider  string // "github" | "google"
	Subject   string // the provider's stable user id
	UserID    string
	Email     string
	CreatedAt time.Time
}

// Purposes of an EmailToken.
const (
	TokenVerify = "verify" // proves the address of an account
	TokenReset  = "reset"  // sets a new password
	TokenInvite = "invite" // lets one address sign up when SIGNUPS=invite
)

// EmailToken is a single-use, expiring link token. The token handed out is
// "<ID>.<secret>": the ID finds the row, and only the SHA-256 of the secret
// is stored, compared in constant time, so a leaked table opens nothing.
type EmailToken struct {
	ID           string
	VerifierHash string // hex SHA-256 of the secret half
	Purpose      string // TokenVerify | TokenReset | TokenInvite
	UserID       string // "" for an invite
	Email        string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

// Store is what the account service needs from storage.
type Store interface {
	// CreateUser inserts the user, its profile and a bonus credit transaction
	// of signupCredits in one transaction. A taken email is KindConflict with
	// code "email_taken". The first account ever created also takes the
	// instance's admin seat, in the same transaction, and comes back with
	// IsAdmin set.
	CreateUser(ctx context.Context, u *User, p *Profile, signupCredits int) error
	// HasFirstAccount reports whether the admin seat is taken, i.e. whether
	// any account was ever created.
	HasFirstAccount(ctx context.Context) (bool, error)
	// VerifyEmail marks the user's address verified and, when the ledger
	// holds no signup bonus yet, grants bonus credits, in one transaction;
	// repeating it changes nothing. It reports whether the bonus was granted.
	VerifyEmail(ctx context.Context, userID string, at time.Time, bonus int) (bool, error)
	// SetPassword replaces the password hash ("" removes password sign-in),
	// revokes every session of the user except keepSession (a token hash,
	// "" for none) and deletes the user's outstanding email tokens, in one
	// transaction.
	SetPassword(ctx context.Context, userID, hash, keepSession string) error

	// CreateEmailToken stores t, replacing any earlier token of the same
	// purpose for the same user (for an invite: the same email).
	CreateEmailToken(ctx context.Context, t *EmailToken) error
	// EmailToken returns the token with id, or KindNotFound.
	EmailToken(ctx context.Context, id string) (*EmailToken, error)
	// UseEmailToken deletes the token if it exists and has not expired at
	// now; otherwise (used, expired, or taken by a concurrent call) it
	// returns KindNotFound. Exactly one caller can use a token.
	UseEmailToken(ctx context.Context, id string, now time.Time) error

	UserByEmail(ctx context.Context, email string) (*User, error)
	UserByID(ctx context.Context, id string) (*User, error)
	Profile(ctx context.Context, userID string) (*Profile, error)
	UpdateProfile(ctx context.Context, userID string, upd ProfileUpdate) (*Profile, error)

	CreateAuthSession(ctx context.Context, s *AuthSession) error
	// AuthSession returns KindNotFound for a missing or expired session.
	AuthSession(ctx context.Context, tokenHash string, now time.Time) (*AuthSession, error)
	DeleteAuthSession(ctx context.Context, tokenHash string) error
	DeleteUserAuthSessions(ctx context.Context, userID string) error

	// IdentityUser returns the user linked to provider/subject, or KindNotFound.
	IdentityUser(ctx context.Context, provider, subject string) (*User, error)
	LinkIdentity(ctx context.Context, id *Identity) error
}
