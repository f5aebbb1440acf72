package sqlcore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
)

var _ account.Store = (*Core)(nil)

const userCols = `id, email, password_hash, is_admin, created_at, email_verified_at, suspended_at`

func scanUser(row interface{ Scan(...any) error }) (*account.User, error) {
	var u account.User
	var verified *time.Time
	if err := row.Scan(&u.ID, &u.Email, textCol{&u.PasswordHash}, &u.IsAdmin, timeCol{&u.CreatedAt}, nullTimeCol{&verified}, nullTimeCol{&u.SuspendedAt}); err != nil {
		return nil, err
	}
	u.EmailVerified = verified != nil
	return &u, nil
}

// signupBonusRef marks the signup bonus in the ledger, so that it is granted
// once whether at signup or when the address is verified.
const signupBonusRef = "signup"

// CreateUser inserts the user, the profile and the signup bonus in one
// transaction; the bonus goes through the same ledger code as AddCredits.
func (c *Core) CreateUser(ctx context.Context, u *account.User, p *account.Profile, signupCredits int) error {
	const op = "storage.CreateUser"
	if u == nil || p == nil {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_user", "user and profile are required"))
	}
	email := strings.ToLower(strings.TrimSpace(u.Email))
	if email == "" {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_email", "an email is required"))
	}
	if signupCredits < 0 {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_amount", "signup credits cannot be negative"))
	}
	id := u.ID
	if id == "" {
		id = mockroom.NewID()
	}
	id, ok := normID(id)
	if !ok {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_id", "the user id is not valid"))
	}
	if foreign(ctx, id) {
		return mockroom.Wrap(op, forbidden())
	}
	now := c.now()
	created := TS(u.CreatedAt)
	if u.CreatedAt.IsZero() {
		created = now
	}
	tier := p.SubscriptionTier
	if tier == "" {
		tier = account.TierFree
	}
	companies := p.TargetCompanies
	if companies == nil {
		companies = []string{}
	}
	var verifiedAt any
	if u.EmailVerified {
		verifiedAt = c.D.Time(created)
	}
	admin := u.IsAdmin
	err := c.Write(ctx, func(tx *Tx) error {
		// The first account takes the admin seat; a concurrent first signup
		// on PostgreSQL waits on the primary key and then takes nothing.
		res, err := tx.Exec(ctx, `INSERT INTO first_admin (id, user_id, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING`, id, c.D.Time(created))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			admin = true
		}
		if _, err := tx.Exec(ctx, `INSERT INTO users (id, email, password_hash, is_admin, created_at, email_verified_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, email, nullText(u.PasswordHash), admin, c.D.Time(created), verifiedAt); err != nil {
			return err
		}
		// credits start at 0; the bonus below sets the mirror with the ledger.
		if _, err := tx.Exec(ctx, `INSERT INTO profiles (id, email, full_name, experience_level, target_companies, credits, subscription_tier, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
			id, email, nullText(p.FullName), nullText(p.ExperienceLevel), c.D.Array(companies), tier, c.D.Time(created), c.D.Time(created)); err != nil {
			return err
		}
		if signupCredits > 0 {
			if _, err := c.addCredits(ctx, tx, id, signupCredits, billing.TxBonus, signupBonusRef, "signup bonus", created); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if c.isUnique(err, "email") {
			return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindConflict, "email_taken", "that email is already registered"))
		}
		return c.fail(op, err)
	}
	u.ID, u.Email, u.CreatedAt, u.IsAdmin = id, email, created, admin
	p.ID, p.Email, p.TargetCompanies = id, email, companies
	p.Credits, p.SubscriptionTier = signupCredits, tier
	p.CreatedAt, p.UpdatedAt = created, created
	return nil
}

func (c *Core) UserByEmail(ctx context.Context, email string) (*account.User, error) {
	const op = "storage.UserByEmail"
	email = strings.ToLower(strings.TrimSpace(email))
	var u *account.User
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE email = ?`, email))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && foreign(ctx, u.ID)) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	return u, c.fail(op, err)
}

func (c *Core) UserByID(ctx context.Context, id string) (*account.User, error) {
	const op = "storage.UserByID"
	id, ok := normID(id)
	if !ok || foreign(ctx, id) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	var u *account.User
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	return u, c.fail(op, err)
}

const profileCols = `id, email, full_name, experience_level, target_companies, credits, subscription_tier, created_at, updated_at`

func scanProfile(row interface{ Scan(...any) error }) (*account.Profile, error) {
	var p account.Profile
	err := row.Scan(&p.ID, &p.Email, textCol{&p.FullName}, textCol{&p.ExperienceLevel}, arrayCol{&p.TargetCompanies},
		&p.Credits, textCol{&p.SubscriptionTier}, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func (c *Core) Profile(ctx context.Context, userID string) (*account.Profile, error) {
	const op = "storage.Profile"
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("profile"))
	}
	var p *account.Profile
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		p, err = scanProfile(tx.QueryRow(ctx, `SELECT `+profileCols+` FROM profiles WHERE id = ?`, id))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("profile"))
	}
	return p, c.fail(op, err)
}

// UpdateProfile changes only the fields set in upd; the schema's CHECK
// constraints reject values out of range (KindInvalid).
func (c *Core) UpdateProfile(ctx context.Context, userID string, upd account.ProfileUpdate) (*account.Profile, error) {
	const op = "storage.UpdateProfile"
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("profile"))
	}
	sets := []string{"updated_at = ?"}
	args := []any{c.D.Time(c.now())}
	if upd.FullName != nil {
		sets = append(sets, "full_name = ?")
		args = append(args, nullText(*upd.FullName))
	}
	if upd.ExperienceLevel != nil {
		sets = append(sets, "experience_level = ?")
		args = append(args, nullText(*upd.ExperienceLevel))
	}
	if upd.TargetCompanies != nil {
		sets = append(sets, "target_companies = ?")
		args = append(args, c.D.Array(*upd.TargetCompanies))
	}
	args = append(args, id)
	var p *account.Profile
	err := c.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE profiles SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return mockroom.NotFound("profile")
		}
		p, err = scanProfile(tx.QueryRow(ctx, `SELECT `+profileCols+` FROM profiles WHERE id = ?`, id))
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return p, nil
}

func (c *Core) CreateAuthSession(ctx context.Context, s *account.AuthSession) error {
	const op = "storage.CreateAuthSession"
	if s == nil || s.TokenHash == "" {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_session", "a token hash is required"))
	}
	uid, ok := normID(s.UserID)
	if !ok {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_id", "the user id is not valid"))
	}
	if foreign(ctx, uid) {
		return mockroom.Wrap(op, forbidden())
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = c.now()
	}
	s.CreatedAt, s.ExpiresAt = TS(s.CreatedAt), TS(s.ExpiresAt)
	if !s.ExpiresAt.After(s.CreatedAt) {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_session", "a session must expire after it is created"))
	}
	s.UserID = uid
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?)`,
			s.TokenHash, uid, c.D.Time(s.CreatedAt), c.D.Time(s.ExpiresAt), nullText(s.UserAgent), nullText(s.IP))
		return err
	})
	return c.fail(op, err)
}

func (c *Core) AuthSession(ctx context.Context, tokenHash string, now time.Time) (*account.AuthSession, error) {
	const op = "storage.AuthSession"
	var s account.AuthSession
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT token_hash, user_id, created_at, expires_at, user_agent, ip FROM auth_sessions WHERE token_hash = ?`, tokenHash).
			Scan(&s.TokenHash, &s.UserID, timeCol{&s.CreatedAt}, timeCol{&s.ExpiresAt}, textCol{&s.UserAgent}, textCol{&s.IP})
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	// Compared in Go so both engines agree to the microsecond.
	if !now.Before(s.ExpiresAt) || foreign(ctx, s.UserID) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	return &s, nil
}

// DeleteAuthSession is idempotent: signing out twice is not an error.
func (c *Core) DeleteAuthSession(ctx context.Context, tokenHash string) error {
	q, args := `DELETE FROM auth_sessions WHERE token_hash = ?`, []any{tokenHash}
	if a := mockroom.ActorFrom(ctx); a.Role == mockroom.RoleUser {
		// A user signs out only their own sessions.
		uid, _ := normID(a.UserID)
		q, args = q+` AND user_id = ?`, append(args, uid)
	}
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, q, args...)
		return err
	})
	return c.fail("storage.DeleteAuthSession", err)
}

func (c *Core) DeleteUserAuthSessions(ctx context.Context, userID string) error {
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return nil
	}
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM auth_sessions WHERE user_id = ?`, id)
		return err
	})
	return c.fail("storage.DeleteUserAuthSessions", err)
}

func (c *Core) IdentityUser(ctx context.Context, provider, subject string) (*account.User, error) {
	const op = "storage.IdentityUser"
	var u *account.User
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `SELECT u.id, u.email, u.password_hash, u.is_admin, u.created_at, u.email_verified_at, u.suspended_at
			FROM oauth_identities i JOIN users u ON u.id = i.user_id WHERE i.provider = ? AND i.subject = ?`, provider, subject))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && foreign(ctx, u.ID)) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("identity"))
	}
	return u, c.fail(op, err)
}

func (c *Core) LinkIdentity(ctx context.Context, id *account.Identity) error {
	const op = "storage.LinkIdentity"
	if id == nil || id.Provider == "" || id.Subject == "" {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_identity", "provider and subject are required"))
	}
	uid, ok := normID(id.UserID)
	if !ok {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_id", "the user id is not valid"))
	}
	if foreign(ctx, uid) {
		return mockroom.Wrap(op, forbidden())
	}
	if id.CreatedAt.IsZero() {
		id.CreatedAt = c.now()
	}
	id.CreatedAt = TS(id.CreatedAt)
	id.UserID = uid
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO oauth_identities (provider, subject, user_id, email, created_at) VALUES (?, ?, ?, ?, ?)`,
			id.Provider, id.Subject, uid, nullText(strings.ToLower(id.Email)), c.D.Time(id.CreatedAt))
		return err
	})
	if err != nil && c.isUnique(err, "") {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindConflict, "identity_taken", "that account is already linked"))
	}
	return c.fail(op, err)
}

func (c *Core) HasFirstAccount(ctx context.Context) (bool, error) {
	var n int
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM first_admin`).Scan(&n)
	})
	return n > 0, c.fail("storage.HasFirstAccount", err)
}

func (c *Core) VerifyEmail(ctx context.Context, userID string, at time.Time, bonus int) (bool, error) {
	const op = "storage.VerifyEmail"
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return false, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	if bonus < 0 {
		return false, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_amount", "a bonus cannot be negative"))
	}
	at = TS(at)
	granted := false
	err := c.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE users SET email_verified_at = coalesce(email_verified_at, ?) WHERE id = ?`, c.D.Time(at), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return mockroom.NotFound("user")
		}
		if bonus == 0 {
			return nil
		}
		// Lock the profile row first (as addCredits does), so two
		// verifications of one account cannot both see "no bonus yet".
		var mirror int
		if err := tx.QueryRow(ctx, `SELECT credits FROM profiles WHERE id = ?`+c.D.LockRow(), id).Scan(&mirror); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM credit_transactions WHERE user_id = ? AND transaction_type = ? AND reference_id = ?`,
			id, billing.TxBonus, signupBonusRef).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := c.addCredits(ctx, tx, id, bonus, billing.TxBonus, signupBonusRef, "signup bonus", at); err != nil {
			return err
		}
		granted = true
		return nil
	})
	if errors.Is(err, sql.ErrNoRows) {
		return false, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	return granted, c.fail(op, err)
}

func (c *Core) SetPassword(ctx context.Context, userID, hash, keepSession string) error {
	const op = "storage.SetPassword"
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, nullText(hash), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return mockroom.NotFound("user")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM auth_sessions WHERE user_id = ? AND token_hash <> ?`, id, keepSession); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM email_tokens WHERE user_id = ?`, id)
		return err
	})
	return c.fail(op, err)
}

func (c *Core) CreateEmailToken(ctx context.Context, t *account.EmailToken) error {
	const op = "storage.CreateEmailToken"
	if t == nil || t.ID == "" || t.VerifierHash == "" {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_token", "a token id and verifier are required"))
	}
	switch t.Purpose {
	case account.TokenVerify, account.TokenReset, account.TokenInvite:
	default:
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_token", "unknown token purpose %q", t.Purpose))
	}
	email := strings.ToLower(strings.TrimSpace(t.Email))
	var uid any
	if t.Purpose != account.TokenInvite {
		id, ok := normID(t.UserID)
		if !ok {
			return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_id", "the user id is not valid"))
		}
		if foreign(ctx, id) {
			return mockroom.Wrap(op, forbidden())
		}
		t.UserID, uid = id, id
	} else if t.UserID != "" {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_token", "an invite belongs to no user yet"))
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = c.now()
	}
	t.CreatedAt, t.ExpiresAt, t.Email = TS(t.CreatedAt), TS(t.ExpiresAt), email
	if !t.ExpiresAt.After(t.CreatedAt) {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_token", "a token must expire after it is created"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		var err error
		if t.Purpose == account.TokenInvite {
			_, err = tx.Exec(ctx, `DELETE FROM email_tokens WHERE purpose = ? AND email = ?`, t.Purpose, email)
		} else {
			_, err = tx.Exec(ctx, `DELETE FROM email_tokens WHERE purpose = ? AND user_id = ?`, t.Purpose, uid)
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO email_tokens (id, verifier_hash, purpose, user_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.VerifierHash, t.Purpose, uid, email, c.D.Time(t.CreatedAt), c.D.Time(t.ExpiresAt))
		return err
	})
	return c.fail(op, err)
}

func (c *Core) EmailToken(ctx context.Context, id string) (*account.EmailToken, error) {
	const op = "storage.EmailToken"
	var t account.EmailToken
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT id, verifier_hash, purpose, user_id, email, created_at, expires_at FROM email_tokens WHERE id = ?`, id).
			Scan(&t.ID, &t.VerifierHash, &t.Purpose, textCol{&t.UserID}, &t.Email, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt})
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && t.UserID != "" && foreign(ctx, t.UserID)) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("token"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return &t, nil
}

func (c *Core) UseEmailToken(ctx context.Context, id string, now time.Time) error {
	const op = "storage.UseEmailToken"
	var expires time.Time
	err := c.Write(ctx, func(tx *Tx) error {
		// The DELETE decides: of two concurrent callers, only one sees the
		// row go (PostgreSQL's row lock, SQLite's single writer).
		if err := tx.QueryRow(ctx, `SELECT expires_at FROM email_tokens WHERE id = ?`+c.D.LockRow(), id).Scan(timeCol{&expires}); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `DELETE FROM email_tokens WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sql.ErrNoRows
		}
		return nil
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !now.Before(expires)) {
		return mockroom.Wrap(op, mockroom.NotFound("token"))
	}
	return c.fail(op, err)
}
