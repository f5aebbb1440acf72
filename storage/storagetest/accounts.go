package storagetest

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/storage"
)

// testFirstAdmin: of many accounts created at once on an empty store,
// exactly one takes the admin seat.
func testFirstAdmin(t *testing.T, db storage.DB) {
	if has, err := db.HasFirstAccount(ctx); err != nil || has {
		t.Fatalf("empty store: HasFirstAccount = %v, %v", has, err)
	}
	var wg sync.WaitGroup
	var admins atomic.Int32
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := &account.User{Email: "racer" + string(rune('a'+i)) + "@example.com"}
			if err := db.CreateUser(ctx, u, &account.Profile{}, 0); err != nil {
				t.Error(err)
				return
			}
			if u.IsAdmin {
				admins.Add(1)
			}
		}()
	}
	wg.Wait()
	if admins.Load() != 1 {
		t.Fatalf("%d accounts took the admin seat, want 1", admins.Load())
	}
	if has, err := db.HasFirstAccount(ctx); err != nil || !has {
		t.Fatalf("after sign-ups: HasFirstAccount = %v, %v", has, err)
	}
	later := newUser(t, db, "later@example.com")
	if got, _ := db.UserByID(ctx, later.ID); later.IsAdmin || got.IsAdmin {
		t.Fatalf("a later account is admin")
	}
}

// testVerifyEmail: verification is idempotent and grants the signup bonus
// once, even to concurrent callers, and never to an account that got it at
// signup.
func testVerifyEmail(t *testing.T, db storage.DB) {
	u := &account.User{Email: "pending@example.com", PasswordHash: "h"}
	must(t, db.CreateUser(ctx, u, &account.Profile{}, 0))
	if got, _ := db.UserByEmail(ctx, u.Email); got.EmailVerified {
		t.Fatal("a new account is verified")
	}
	var wg sync.WaitGroup
	var grants atomic.Int32
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := db.VerifyEmail(ctx, u.ID, time.Now(), 3)
			if err != nil {
				t.Error(err)
			}
			if ok {
				grants.Add(1)
			}
		}()
	}
	wg.Wait()
	if bal, _ := db.Balance(ctx, u.ID); grants.Load() != 1 || bal != 3 {
		t.Fatalf("grants = %d, balance = %d; want 1 and 3", grants.Load(), bal)
	}
	if got, _ := db.UserByEmail(ctx, u.Email); !got.EmailVerified {
		t.Fatal("not verified after VerifyEmail")
	}
	// An account credited at signup gets nothing more when verified later.
	early := newUser(t, db, "early@example.com")
	if ok, err := db.VerifyEmail(ctx, early.ID, time.Now(), 3); err != nil || ok {
		t.Fatalf("second bonus: %v %v", ok, err)
	}
	if bal, _ := db.Balance(ctx, early.ID); bal != 3 {
		t.Fatalf("balance = %d, want 3", bal)
	}
	// Created verified (a provider vouched for the address).
	v := &account.User{Email: "vouched@example.com", EmailVerified: true}
	must(t, db.CreateUser(ctx, v, &account.Profile{}, 3))
	if got, _ := db.UserByID(ctx, v.ID); !got.EmailVerified {
		t.Fatal("EmailVerified at creation was not stored")
	}
	_, err := db.VerifyEmail(ctx, mockroom.NewID(), time.Now(), 3)
	wantKind(t, err, mockroom.KindNotFound, "")
	_, err = db.VerifyEmail(asUser(early.ID), u.ID, time.Now(), 3)
	wantKind(t, err, mockroom.KindNotFound, "")
}

// testSetPassword: the hash is replaced, every other session and every
// e-mail token of the user go, other users are untouched.
func testSetPassword(t *testing.T, db storage.DB) {
	a, b := newUser(t, db, "a@example.com"), newUser(t, db, "b@example.com")
	now := time.Now()
	for _, s := range []*account.AuthSession{
		{TokenHash: "keep", UserID: a.ID, ExpiresAt: now.Add(time.Hour)},
		{TokenHash: "drop", UserID: a.ID, ExpiresAt: now.Add(time.Hour)},
		{TokenHash: "other", UserID: b.ID, ExpiresAt: now.Add(time.Hour)},
	} {
		must(t, db.CreateAuthSession(ctx, s))
	}
	must(t, db.CreateEmailToken(ctx, &account.EmailToken{ID: "tok-a", VerifierHash: "v", Purpose: account.TokenReset, UserID: a.ID, Email: a.Email, ExpiresAt: now.Add(time.Hour)}))
	must(t, db.CreateEmailToken(ctx, &account.EmailToken{ID: "tok-b", VerifierHash: "v", Purpose: account.TokenReset, UserID: b.ID, Email: b.Email, ExpiresAt: now.Add(time.Hour)}))
	must(t, db.SetPassword(asUser(a.ID), a.ID, "new-hash", "keep"))
	if got, _ := db.UserByID(ctx, a.ID); got.PasswordHash != "new-hash" {
		t.Fatalf("hash = %q", got.PasswordHash)
	}
	if _, err := db.AuthSession(ctx, "keep", now); err != nil {
		t.Fatalf("the kept session went: %v", err)
	}
	_, err := db.AuthSession(ctx, "drop", now)
	wantKind(t, err, mockroom.KindNotFound, "")
	if _, err := db.AuthSession(ctx, "other", now); err != nil {
		t.Fatalf("another user's session went: %v", err)
	}
	_, err = db.EmailToken(ctx, "tok-a")
	wantKind(t, err, mockroom.KindNotFound, "")
	if _, err := db.EmailToken(ctx, "tok-b"); err != nil {
		t.Fatalf("another user's token went: %v", err)
	}
	// "" removes password sign-in and revokes every session.
	must(t, db.SetPassword(ctx, a.ID, "", ""))
	if got, _ := db.UserByID(ctx, a.ID); got.PasswordHash != "" {
		t.Fatalf("hash = %q after removal", got.PasswordHash)
	}
	_, err = db.AuthSession(ctx, "keep", now)
	wantKind(t, err, mockroom.KindNotFound, "")
	wantKind(t, db.SetPassword(asUser(b.ID), a.ID, "x", ""), mockroom.KindNotFound, "")
	wantKind(t, db.SetPassword(ctx, mockroom.NewID(), "x", ""), mockroom.KindNotFound, "")
}

// testEmailTokens: stored as given, replaced per user and purpose (per
// address for invites), used exactly once, never after expiry.
func testEmailTokens(t *testing.T, db storage.DB) {
	u := newUser(t, db, "tok@example.com")
	now := time.Now()
	tok := func(id, purpose, userID, email string, life time.Duration) *account.EmailToken {
		return &account.EmailToken{ID: id, VerifierHash: "hash-" + id, Purpose: purpose, UserID: userID, Email: email, CreatedAt: now, ExpiresAt: now.Add(life)}
	}
	must(t, db.CreateEmailToken(ctx, tok("v1", account.TokenVerify, u.ID, u.Email, time.Hour)))
	got, err := db.EmailToken(ctx, "v1")
	if err != nil || got.VerifierHash != "hash-v1" || got.Purpose != account.TokenVerify || got.UserID != u.ID || got.Email != u.Email || !got.ExpiresAt.Equal(now.Add(time.Hour).UTC().Truncate(time.Microsecond)) {
		t.Fatalf("EmailToken = %+v, %v", got, err)
	}
	// A newer link of the same purpose replaces the older; other purposes stay.
	must(t, db.CreateEmailToken(ctx, tok("r1", account.TokenReset, u.ID, u.Email, time.Hour)))
	must(t, db.CreateEmailToken(ctx, tok("v2", account.TokenVerify, u.ID, u.Email, time.Hour)))
	_, err = db.EmailToken(ctx, "v1")
	wantKind(t, err, mockroom.KindNotFound, "")
	if _, err := db.EmailToken(ctx, "r1"); err != nil {
		t.Fatal(err)
	}
	// Invites belong to an address, not a user.
	must(t, db.CreateEmailToken(ctx, tok("i1", account.TokenInvite, "", "New@Example.com", time.Hour)))
	must(t, db.CreateEmailToken(ctx, tok("i2", account.TokenInvite, "", "new@example.com", time.Hour)))
	_, err = db.EmailToken(ctx, "i1")
	wantKind(t, err, mockroom.KindNotFound, "")
	if got, err := db.EmailToken(ctx, "i2"); err != nil || got.UserID != "" || got.Email != "new@example.com" {
		t.Fatalf("invite = %+v, %v", got, err)
	}
	// Exactly one of many concurrent uses succeeds.
	var wg sync.WaitGroup
	var used atomic.Int32
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.UseEmailToken(ctx, "v2", now)
			if err == nil {
				used.Add(1)
			} else if !mockroom.IsKind(err, mockroom.KindNotFound) {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if used.Load() != 1 {
		t.Fatalf("a token was used %d times", used.Load())
	}
	// An expired token cannot be used.
	wantKind(t, db.UseEmailToken(ctx, "r1", now.Add(2*time.Hour)), mockroom.KindNotFound, "")
	wantKind(t, db.UseEmailToken(ctx, "nope", now), mockroom.KindNotFound, "")
	for name, bad := range map[string]*account.EmailToken{
		"no id":           tok("", account.TokenVerify, u.ID, u.Email, time.Hour),
		"unknown purpose": tok("x1", "magic", u.ID, u.Email, time.Hour),
		"invite for user": tok("x2", account.TokenInvite, u.ID, u.Email, time.Hour),
		"no user":         tok("x3", account.TokenReset, "", u.Email, time.Hour),
		"expired":         tok("x4", account.TokenReset, u.ID, u.Email, -time.Hour),
	} {
		if err := db.CreateEmailToken(ctx, bad); !mockroom.IsKind(err, mockroom.KindInvalid) {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	// A user request sees no token of anyone else.
	other := newUser(t, db, "other@example.com")
	must(t, db.CreateEmailToken(ctx, tok("r2", account.TokenReset, u.ID, u.Email, time.Hour)))
	_, err = db.EmailToken(asUser(other.ID), "r2")
	wantKind(t, err, mockroom.KindNotFound, "")
}
