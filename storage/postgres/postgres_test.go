package postgres_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/postgres"
	"github.com/mockroom/mockroom/storage/storagetest"
)

func adminDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return stdlib.OpenDB(*cfg)
}

func open(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), storagetest.FreshPostgres(t), mockroom.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.DB { return open(t) })
}

func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	dsn := storagetest.FreshPostgres(t)
	for range 2 {
		if err := postgres.Migrate(ctx, dsn); err != nil {
			t.Fatal(err)
		}
	}
	db, err := postgres.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ok, err := db.MigrationsApplied(ctx); err != nil || !ok {
		t.Fatalf("MigrationsApplied = %v, %v", ok, err)
	}
}

func TestRoleSwitch(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		app  bool
	}{
		{"no actor", ctx, true},
		{"anonymous", mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleAnonymous}), true},
		{"service", mockroom.AsService(ctx), false},
		{"user", mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: mockroom.NewID()}), true},
		{"admin user", mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: mockroom.NewID(), IsAdmin: true}), true},
	} {
		role, err := db.CurrentRole(tc.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if (role == postgres.AppRole) != tc.app {
			t.Errorf("%s runs as %q", tc.name, role)
		}
	}
	// The switch is transaction-local: the pooled connection is back to the
	// owner for the next request.
	if role, _ := db.CurrentRole(mockroom.AsService(ctx)); role == postgres.AppRole {
		t.Fatal("role leaked into the next transaction")
	}
}

// With no Go-level filter at all, a user's statements see only their own
// rows, visible example tests and no solutions.
func TestRowLevelSecurity(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	svc := mockroom.AsService(ctx)

	p := &problem.Problem{Slug: "two-sum", Title: "Two Sum", Description: "d", Difficulty: "easy"}
	tests := []problem.TestCase{
		{Input: json.RawMessage(`{}`), ExpectedOutput: json.RawMessage(`1`), IsExample: true, IsHidden: false},
		{Input: json.RawMessage(`{}`), ExpectedOutput: json.RawMessage(`2`), IsExample: false, IsHidden: true},
		{Input: json.RawMessage(`{}`), ExpectedOutput: json.RawMessage(`3`), IsExample: true, IsHidden: true},
		{Input: json.RawMessage(`{}`), ExpectedOutput: json.RawMessage(`4`), IsExample: false, IsHidden: false},
	}
	if err := db.UpsertProblem(svc, p, tests, &problem.Solution{Code: map[string]string{"python": "secret"}}); err != nil {
		t.Fatal(err)
	}

	users := map[string]*account.User{}
	sessions := map[string]string{}
	for _, name := range []string{"a", "b"} {
		u := &account.User{Email: name + "@example.com"}
		if err := db.CreateUser(svc, u, &account.Profile{}, 3); err != nil {
			t.Fatal(err)
		}
		users[name] = u
		s := &interview.Session{UserID: u.ID, ProblemID: p.ID}
		if err := db.CreateSession(svc, s); err != nil {
			t.Fatal(err)
		}
		sessions[name] = s.ID
		if _, err := db.AddCredits(svc, u.ID, 2, billing.TxPurchase, "", ""); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAuthSession(svc, &account.AuthSession{TokenHash: "tok-" + name, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	// Transcripts and snapshots have no Go API yet: write them as the owner.
	raw := adminDB(t, testenv.PostgresURL())
	defer raw.Close()
	for _, sid := range sessions {
		for _, q := range []string{
			"INSERT INTO %s.transcripts (session_id, speaker, content, timestamp_ms) VALUES ($1, 'candidate', 'hi', 1)",
			"INSERT INTO %s.code_snapshots (session_id, code, language, timestamp_ms) VALUES ($1, 'x', 'python', 1)",
			"INSERT INTO %s.evaluations (session_id, overall_score) VALUES ($1, 50)",
			"INSERT INTO %s.session_live (session_id, code, language, updated_at) VALUES ($1, 'secret code', 'python', now())",
			"INSERT INTO %s.payments (user_id, stripe_payment_intent_id, amount_cents, credits_purchased) SELECT user_id, 'pi_' || id, 100, 1 FROM %s.sessions WHERE id = $1",
			"INSERT INTO %s.subscriptions (user_id, stripe_subscription_id, stripe_customer_id, tier, current_period_start, current_period_end) SELECT user_id, 'sub_' || id, 'cus', 'pro', now(), now() FROM %s.sessions WHERE id = $1",
			"INSERT INTO %s.stripe_customers (user_id, stripe_customer_id) SELECT user_id, 'cus_' || id FROM %s.sessions WHERE id = $1",
			"INSERT INTO %s.stripe_invoices (invoice_id, user_id, tier, credits) SELECT 'in_' || id, user_id, 'pro', 30 FROM %s.sessions WHERE id = $1",
			"INSERT INTO %s.stripe_events (event_id, event_type) VALUES ('evt_' || $1, 'invoice.paid')",
			"INSERT INTO %s.stripe_checkout_sessions (session_id, user_id, tier) SELECT 'cs_' || id, user_id, 'pro' FROM %s.sessions WHERE id = $1",
		} {
			if _, err := raw.Exec(strings.ReplaceAll(q, "%s", schemaOf(t, db)), sid); err != nil {
				t.Fatal(err)
			}
		}
	}

	a, b := users["a"], users["b"]
	for _, tc := range []struct {
		query string
		args  []any
		want  int
	}{
		{"SELECT * FROM users", nil, 1},
		{"SELECT * FROM users WHERE id = $1", []any{b.ID}, 0},
		{"SELECT * FROM profiles", nil, 1},
		{"SELECT * FROM profiles WHERE id = $1", []any{b.ID}, 0},
		{"SELECT * FROM sessions", nil, 1},
		{"SELECT * FROM sessions WHERE user_id = $1", []any{b.ID}, 0},
		{"SELECT * FROM credit_transactions", nil, 2},
		{"SELECT * FROM credit_transactions WHERE user_id = $1", []any{b.ID}, 0},
		{"SELECT * FROM transcripts", nil, 1},
		{"SELECT * FROM transcripts WHERE session_id = $1", []any{sessions["b"]}, 0},
		{"SELECT * FROM code_snapshots", nil, 1},
		{"SELECT * FROM code_snapshots WHERE session_id = $1", []any{sessions["b"]}, 0},
		{"SELECT * FROM session_live", nil, 1},
		{"SELECT * FROM session_live WHERE session_id = $1", []any{sessions["b"]}, 0},
		{"SELECT * FROM evaluations", nil, 1},
		{"SELECT * FROM payments", nil, 1},
		{"SELECT * FROM subscriptions", nil, 1},
		{"SELECT * FROM stripe_customers", nil, 1},
		{"SELECT * FROM stripe_customers WHERE user_id = $1", []any{b.ID}, 0},
		{"SELECT * FROM stripe_invoices", nil, 1},
		{"SELECT * FROM stripe_checkout_sessions", nil, 1},
		{"SELECT * FROM auth_sessions", nil, 1},
		{"SELECT * FROM problems", nil, 1},
		{"SELECT * FROM test_cases", nil, 1},
		{"SELECT * FROM test_cases WHERE is_hidden", nil, 0},
		{"SELECT * FROM problem_solutions", nil, 0},
		// Writes that would touch b's rows match nothing.
		{"UPDATE profiles SET full_name = 'pwned' WHERE id = $1 RETURNING id", []any{b.ID}, 0},
		{"UPDATE sessions SET status = 'abandoned' WHERE user_id = $1 RETURNING id", []any{b.ID}, 0},
		{"DELETE FROM auth_sessions WHERE user_id = $1 RETURNING token_hash", []any{b.ID}, 0},
		{"DELETE FROM transcripts WHERE session_id = $1 RETURNING id", []any{sessions["b"]}, 0},
		{"UPDATE session_live SET code = 'pwned' WHERE session_id = $1 RETURNING session_id", []any{sessions["b"]}, 0},
	} {
		n, err := db.QueryAsUser(ctx, a.ID, tc.query, tc.args...)
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if n != tc.want {
			t.Errorf("as a, %s: %d rows, want %d", tc.query, n, tc.want)
		}
	}

	// Inserting rows for someone else, or touching what users never write,
	// is refused by the database.
	for _, q := range []struct {
		query string
		args  []any
	}{
		{"INSERT INTO credit_transactions (user_id, seq, amount, transaction_type, balance_after) VALUES ($1, 99, 100, 'bonus', 100)", []any{b.ID}},
		{"INSERT INTO sessions (user_id, problem_id) VALUES ($1, $2)", []any{b.ID, p.ID}},
		{"UPDATE credit_transactions SET balance_after = 1000", nil},
		{"UPDATE test_cases SET is_hidden = false", nil},
		{"SELECT * FROM audit_log", nil},
		{"INSERT INTO problems (slug, title, description, difficulty) VALUES ('x', 'x', 'x', 'easy')", nil},
		{"INSERT INTO session_live (session_id, language, updated_at) VALUES ($1, 'go', now()) ON CONFLICT DO NOTHING", []any{sessions["b"]}},
		{"DELETE FROM session_live", nil},
		// The outbox is append-only, and only for events about oneself;
		// the bus's own tables are not reachable at all.
		{"SELECT * FROM events_outbox", nil},
		{"INSERT INTO events_outbox (topic, key, payload) VALUES ('x', 'forged', jsonb_build_object('user_id', $1::text))", []any{b.ID}},
		{"SELECT * FROM event_deliveries", nil},
		{"SELECT * FROM event_dead_letters", nil},
		// Payments are written by the webhook worker only.
		{"SELECT * FROM stripe_events", nil},
		{"INSERT INTO stripe_events (event_id, event_type) VALUES ('evt_forged', 'x')", nil},
		{"UPDATE payments SET status = 'succeeded'", nil},
		{"INSERT INTO stripe_invoices (invoice_id, user_id, tier, credits) VALUES ('in_forged', $1, 'pro', 1000)", []any{a.ID}},
		{"UPDATE subscriptions SET tier = 'enterprise'", nil},
	} {
		if _, err := db.QueryAsUser(ctx, a.ID, q.query, q.args...); err == nil {
			t.Errorf("as a, %s: allowed", q.query)
		}
	}

	// An unknown or empty user id sees nothing private.
	for _, uid := range []string{"", "not-a-uuid", mockroom.NewID()} {
		for _, q := range []string{"SELECT * FROM users", "SELECT * FROM sessions", "SELECT * FROM credit_transactions"} {
			if n, err := db.QueryAsUser(ctx, uid, q); err != nil || n != 0 {
				t.Errorf("user %q, %s: %d rows, %v", uid, q, n, err)
			}
		}
	}

	// The port methods under a user context are confined too: the wall works
	// even where a method has no owner filter of its own.
	actx := mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: a.ID})
	all, err := db.AllTests(actx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].IsHidden {
		t.Fatalf("AllTests as a user = %+v, want only the visible example", all)
	}
	if _, err := db.Solution(actx, p.ID); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("Solution as a user: %v, want not found", err)
	}
	if all, _ := db.AllTests(svc, p.ID); len(all) != 4 {
		t.Fatalf("AllTests on the service path = %d, want 4", len(all))
	}
	if _, err := db.Solution(svc, p.ID); err != nil {
		t.Fatalf("Solution on the service path: %v", err)
	}
	// A user's own writes still work under RLS.
	if n, err := db.QueryAsUser(ctx, a.ID, "INSERT INTO events_outbox (topic, key, payload) VALUES ('x', 'own', jsonb_build_object('user_id', $1::text))", a.ID); err != nil || n != 0 {
		t.Fatalf("inserting an own event as the user: %v", err)
	}
	if _, err := db.AddCredits(actx, a.ID, -1, billing.TxUsage, sessions["a"], ""); err != nil {
		t.Fatalf("AddCredits as the user: %v", err)
	}
	if prof, err := db.UpdateProfile(actx, a.ID, account.ProfileUpdate{ExperienceLevel: ptr("mid")}); err != nil || prof.ExperienceLevel != "mid" {
		t.Fatalf("UpdateProfile as the user: %+v, %v", prof, err)
	}
	if err := db.UpsertProblem(actx, &problem.Problem{Slug: "evil", Title: "e", Description: "e", Difficulty: "easy"}, nil, nil); !mockroom.IsKind(err, mockroom.KindForbidden) {
		t.Fatalf("UpsertProblem as a user: %v, want forbidden", err)
	}
}

// An anonymous request (no actor, or one not signed in) runs under row-level
// security with no user id: a path that forgets a filter, or looks a row up
// by a guessed id, sees no private row; the public library still reads.
func TestAnonymousSeesNoPrivateRow(t *testing.T) {
	db := open(t)
	svc := mockroom.AsService(context.Background())
	p := &problem.Problem{Slug: "two-sum", Title: "Two Sum", Description: "d", Difficulty: "easy"}
	tests := []problem.TestCase{
		{Input: json.RawMessage(`{}`), ExpectedOutput: json.RawMessage(`1`), IsExample: true},
		{Input: json.RawMessage(`{}`), ExpectedOutput: json.RawMessage(`2`), IsHidden: true},
	}
	if err := db.UpsertProblem(svc, p, tests, &problem.Solution{Code: map[string]string{"python": "secret"}}); err != nil {
		t.Fatal(err)
	}
	u := &account.User{Email: "a@example.com"}
	if err := db.CreateUser(svc, u, &account.Profile{}, 3); err != nil {
		t.Fatal(err)
	}
	s := &interview.Session{UserID: u.ID, ProblemID: p.ID}
	if err := db.CreateSession(svc, s); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddTranscript(svc, &interview.Transcript{SessionID: s.ID, Speaker: "candidate", Content: "hi", TimestampMS: 1}, 1, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAuthSession(svc, &account.AuthSession{TokenHash: "tok", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tok := &account.EmailToken{ID: "t1", VerifierHash: "h", Purpose: account.TokenVerify, UserID: u.ID, Email: u.Email, CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
	if err := db.CreateEmailToken(svc, tok); err != nil {
		t.Fatal(err)
	}

	for _, actx := range []struct {
		name string
		ctx  context.Context
	}{
		{"no actor", context.Background()},
		{"anonymous", mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleAnonymous, UserID: u.ID})},
	} {
		t.Run(actx.name, func(t *testing.T) {
			ctx := actx.ctx
			for _, tc := range []struct {
				query string
				want  int
			}{
				{"SELECT * FROM users", 0},
				{"SELECT * FROM profiles", 0},
				{"SELECT * FROM auth_sessions", 0},
				{"SELECT * FROM email_tokens", 0},
				{"SELECT * FROM sessions", 0},
				{"SELECT * FROM transcripts", 0},
				{"SELECT * FROM credit_transactions", 0},
				{"SELECT * FROM session_live", 0},
				{"SELECT * FROM problem_solutions", 0},
				{"SELECT * FROM test_cases WHERE is_hidden", 0},
				{"UPDATE users SET is_admin = true RETURNING id", 0},
				// The public library stays readable.
				{"SELECT * FROM problems", 1},
				{"SELECT * FROM test_cases", 1},
			} {
				if n, err := db.QueryIn(ctx, tc.query); err != nil || n != tc.want {
					t.Errorf("%s: %d rows, %v; want %d", tc.query, n, err, tc.want)
				}
			}
			for _, q := range []string{"SELECT * FROM events_outbox", "SELECT * FROM audit_log", "DELETE FROM problems"} {
				if _, err := db.QueryIn(ctx, q); err == nil {
					t.Errorf("%s: allowed", q)
				}
			}
			// The store's own methods, without an owner filter of their own, find nothing.
			notFound := map[string]error{}
			_, notFound["UserByEmail"] = db.UserByEmail(ctx, u.Email)
			_, notFound["UserByID"] = db.UserByID(ctx, u.ID)
			_, notFound["AuthSession"] = db.AuthSession(ctx, "tok", time.Now())
			_, notFound["EmailToken"] = db.EmailToken(ctx, tok.ID)
			_, notFound["SessionByID"] = db.SessionByID(ctx, s.ID)
			_, notFound["Solution"] = db.Solution(ctx, p.ID)
			for name, err := range notFound {
				if !mockroom.IsKind(err, mockroom.KindNotFound) {
					t.Errorf("%s: %v, want not found", name, err)
				}
			}
			if tr, err := db.Transcripts(ctx, s.ID); err != nil || len(tr) != 0 {
				t.Errorf("Transcripts = %+v, %v; want none", tr, err)
			}
			if all, err := db.AllTests(ctx, p.ID); err != nil || len(all) != 1 || all[0].IsHidden {
				t.Errorf("AllTests = %+v, %v; want only the visible example", all, err)
			}
			if _, err := db.ProblemBySlug(ctx, p.Slug); err != nil {
				t.Errorf("ProblemBySlug: %v", err)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func schemaOf(t *testing.T, db *postgres.DB) string {
	t.Helper()
	var s string
	if err := db.Reader.QueryRow("SELECT current_schema()").Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBadURL(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{
		"postgres://user:secret@host:notaport/db",
		"postgres://user:secret@%zz/db",
	} {
		_, err := postgres.Open(ctx, dsn, nil)
		if !mockroom.IsKind(err, mockroom.KindInvalid) {
			t.Errorf("Open(%q) = %v, want invalid", dsn, err)
			continue
		}
		msg := mockroom.AsError(err).Message
		if !strings.Contains(msg, "DATABASE_URL") || strings.Contains(msg, "secret") {
			t.Errorf("message %q: must name DATABASE_URL and not echo the password", msg)
		}
	}
	// Nothing listens on port 1: unavailable, named, no password.
	_, err := postgres.Open(ctx, "postgres://user:secret@127.0.0.1:1/db?connect_timeout=2", nil)
	if !mockroom.IsKind(err, mockroom.KindUnavailable) || !strings.Contains(mockroom.AsError(err).Message, "DATABASE_URL") ||
		strings.Contains(mockroom.AsError(err).Message, "secret") {
		t.Errorf("Open(unreachable) = %v", err)
	}
}
