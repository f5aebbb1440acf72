// Package storagetest is the conformance suite every storage engine passes.
// An engine's test calls Run with a function that opens a fresh, empty,
// migrated store for each subtest.
package storagetest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage"
)

// Run runs the whole suite. open must return a fresh store and arrange for
// it to be closed when t ends.
func Run(t *testing.T, open func(t *testing.T) storage.DB) {
	tests := []struct {
		name string
		fn   func(t *testing.T, db storage.DB)
	}{
		{"Health", testHealth},
		{"Users", testUsers},
		{"CreateUserAsUser", testCreateUserAsUser},
		{"Profiles", testProfiles},
		{"AuthSessions", testAuthSessions},
		{"Identities", testIdentities},
		{"FirstAdmin", testFirstAdmin},
		{"VerifyEmail", testVerifyEmail},
		{"SetPassword", testSetPassword},
		{"EmailTokens", testEmailTokens},
		{"Ledger", testLedger},
		{"LedgerConcurrency", testLedgerConcurrency},
		{"Payments", testPayments},
		{"ProblemFieldsAndUpsert", testProblemUpsert},
		{"ProblemListing", testProblemListing},
		{"ProblemRandomAndFacets", testProblemRandomAndFacets},
		{"TestsAndSolutions", testTestsAndSolutions},
		{"ProblemValidation", testProblemValidation},
		{"Sessions", testSessions},
		{"SessionValidation", testSessionValidation},
		{"Audit", testAudit},
		{"AuditChain", testAuditChain},
		{"DeleteUser", testDeleteUser},
		{"ExportUser", testExportUser},
		{"Retention", testRetention},
		{"ForeignUserRequests", testForeignUser},
		{"StartSession", testStartSession},
		{"StartSessionConcurrency", testStartSessionConcurrency},
		{"StartSessionFree", testStartSessionFree},
		{"SwitchLanguage", testSwitchLanguage},
		{"TranscriptOrder", testTranscriptOrder},
		{"SubmitStatsAndProgress", testSubmitStatsAndProgress},
		{"ClientSeq", testClientSeq},
		{"Hints", testHints},
		{"EndSession", testEndSession},
		{"SessionsServicePath", testSessionsServicePath},
		{"SnapshotsAndTranscripts", testSnapshotsAndTranscripts},
		{"TranscriptCapAndRecent", testTranscriptCapAndRecent},
		{"Outbox", testOutbox},
		{"Evaluations", testEvaluations},
		{"ModelCalls", testModelCalls},
		{"VoiceUsage", testVoiceUsage},
		{"EvaluationHistory", testEvaluationHistory},
		{"AdminUsers", testAdminUsers},
		{"AdminAnalytics", testAdminAnalytics},
		{"AuthoredProblems", testAuthoredProblems},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// ctx is the suite's own setup and its checks of server-side methods: trusted
// server code, as the judge and the workers are. A candidate's calls use asUser;
// on PostgreSQL a context with no actor at all runs under row-level security
// and sees no private row.
var ctx = mockroom.AsService(context.Background())

// asUser is a signed-in candidate's request context.
func asUser(id string) context.Context {
	return mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: id})
}

func wantKind(t *testing.T, err error, kind mockroom.Kind, code string) {
	t.Helper()
	if !mockroom.IsKind(err, kind) {
		t.Fatalf("error = %v, want kind %v", err, kind)
	}
	if code != "" {
		if e := mockroom.AsError(err); e.Code != code {
			t.Fatalf("error code = %q, want %q (%v)", e.Code, code, err)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newUser creates a user with the standard signup bonus.
func newUser(t *testing.T, db storage.DB, email string) *account.User {
	t.Helper()
	u := &account.User{Email: email, PasswordHash: "hash:" + email}
	p := &account.Profile{FullName: "Name of " + email}
	must(t, db.CreateUser(ctx, u, p, billing.SignupCredits))
	return u
}

func testHealth(t *testing.T, db storage.DB) {
	must(t, db.Ping(ctx))
	ok, err := db.MigrationsApplied(ctx)
	must(t, err)
	if !ok {
		t.Fatal("MigrationsApplied = false right after Open")
	}
}

func testUsers(t *testing.T, db storage.DB) {
	u := &account.User{Email: "  Ada@Example.COM ", PasswordHash: "phc-hash", IsAdmin: true}
	p := &account.Profile{FullName: "Ada", ExperienceLevel: "senior", TargetCompanies: []string{"Google", "Startup"}}
	must(t, db.CreateUser(ctx, u, p, 3))
	if !mockroom.ValidID(u.ID) || u.Email != "ada@example.com" || u.CreatedAt.IsZero() {
		t.Fatalf("CreateUser left user = %+v", u)
	}
	if p.ID != u.ID || p.Credits != 3 || p.SubscriptionTier != account.TierFree {
		t.Fatalf("CreateUser left profile = %+v", p)
	}

	for _, email := range []string{"ada@example.com", "ADA@example.com", " ada@EXAMPLE.com"} {
		got, err := db.UserByEmail(ctx, email)
		must(t, err)
		if *got != *u {
			t.Fatalf("UserByEmail(%q) = %+v, want %+v", email, got, u)
		}
	}
	got, err := db.UserByID(ctx, u.ID)
	must(t, err)
	if *got != *u {
		t.Fatalf("UserByID = %+v, want %+v", got, u)
	}

	prof, err := db.Profile(ctx, u.ID)
	must(t, err)
	if prof.Email != u.Email || prof.FullName != "Ada" || prof.ExperienceLevel != "senior" ||
		!slices.Equal(prof.TargetCompanies, []string{"Google", "Startup"}) || prof.Credits != 3 ||
		prof.SubscriptionTier != "free" || !prof.CreatedAt.Equal(u.CreatedAt) {
		t.Fatalf("Profile = %+v", prof)
	}
	bal, err := db.Balance(ctx, u.ID)
	must(t, err)
	if bal != 3 {
		t.Fatalf("Balance = %d, want 3", bal)
	}
	txs, err := db.Transactions(ctx, u.ID, 10)
	must(t, err)
	if len(txs) != 1 || txs[0].Type != billing.TxBonus || txs[0].Amount != 3 || txs[0].BalanceAfter != 3 || txs[0].UserID != u.ID {
		t.Fatalf("Transactions = %+v, want one bonus of 3", txs)
	}

	// Duplicate email, whatever its case, is a conflict.
	err = db.CreateUser(ctx, &account.User{Email: "ADA@example.com"}, &account.Profile{}, 3)
	wantKind(t, err, mockroom.KindConflict, "email_taken")

	// An OAuth-only user has no password; zero signup credits means no ledger row.
	o := &account.User{Email: "oauth@example.com"}
	must(t, db.CreateUser(ctx, o, &account.Profile{}, 0))
	got, err = db.UserByID(ctx, o.ID)
	must(t, err)
	if got.PasswordHash != "" || got.IsAdmin {
		t.Fatalf("OAuth user = %+v", got)
	}
	if bal, _ := db.Balance(ctx, o.ID); bal != 0 {
		t.Fatalf("Balance without bonus = %d", bal)
	}
	if txs, _ := db.Transactions(ctx, o.ID, 10); len(txs) != 0 {
		t.Fatalf("Transactions without bonus = %+v", txs)
	}

	for _, tc := range []struct {
		name    string
		u       *account.User
		credits int
		kind    mockroom.Kind
	}{
		{"empty email", &account.User{Email: "  "}, 3, mockroom.KindInvalid},
		{"negative credits", &account.User{Email: "neg@example.com"}, -1, mockroom.KindInvalid},
		{"bad id", &account.User{ID: "not-a-uuid", Email: "bad@example.com"}, 3, mockroom.KindInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantKind(t, db.CreateUser(ctx, tc.u, &account.Profile{}, tc.credits), tc.kind, "")
		})
	}

	// Missing rows and malformed ids are not found, never an internal error.
	for name, err := range map[string]error{
		"UserByEmail":  second(db.UserByEmail(ctx, "nobody@example.com")),
		"UserByID":     second(db.UserByID(ctx, mockroom.NewID())),
		"UserByID bad": second(db.UserByID(ctx, "garbage")),
		"Profile":      second(db.Profile(ctx, mockroom.NewID())),
		"Profile bad":  second(db.Profile(ctx, "garbage")),
	} {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s: error = %v, want not found", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// A user creating their own account rows must work under row-level security.
func testCreateUserAsUser(t *testing.T, db storage.DB) {
	id := mockroom.NewID()
	u := &account.User{ID: id, Email: "self@example.com"}
	must(t, db.CreateUser(asUser(id), u, &account.Profile{}, 2))
	bal, err := db.Balance(asUser(id), id)
	must(t, err)
	if bal != 2 {
		t.Fatalf("Balance = %d, want 2", bal)
	}
	prof, err := db.Profile(asUser(id), id)
	must(t, err)
	if prof.Credits != 2 {
		t.Fatalf("Profile.Credits = %d, want 2", prof.Credits)
	}
}

func ptr[T any](v T) *T { return &v }

func testProfiles(t *testing.T, db storage.DB) {
	u := newUser(t, db, "p@example.com")
	uctx := asUser(u.ID)
	before, err := db.Profile(uctx, u.ID)
	must(t, err)

	steps := []struct {
		name string
		upd  account.ProfileUpdate
		kind mockroom.Kind // 0 (internal) means success expected
		want func(p *account.Profile) bool
	}{
		{"name only", account.ProfileUpdate{FullName: ptr("Grace Hopper")}, 0, func(p *account.Profile) bool {
			return p.FullName == "Grace Hopper" && p.ExperienceLevel == "" && len(p.TargetCompanies) == 0
		}},
		{"level only", account.ProfileUpdate{ExperienceLevel: ptr("staff")}, 0, func(p *account.Profile) bool {
			return p.FullName == "Grace Hopper" && p.ExperienceLevel == "staff"
		}},
		{"companies only", account.ProfileUpdate{TargetCompanies: &[]string{"Meta", "Amazon"}}, 0, func(p *account.Profile) bool {
			return p.ExperienceLevel == "staff" && slices.Equal(p.TargetCompanies, []string{"Meta", "Amazon"})
		}},
		{"level rejected by CHECK", account.ProfileUpdate{ExperienceLevel: ptr("wizard"), FullName: ptr("X")}, mockroom.KindInvalid, nil},
		{"nothing", account.ProfileUpdate{}, 0, func(p *account.Profile) bool {
			return p.FullName == "Grace Hopper" && p.ExperienceLevel == "staff" && len(p.TargetCompanies) == 2
		}},
		{"clear", account.ProfileUpdate{ExperienceLevel: ptr(""), TargetCompanies: &[]string{}}, 0, func(p *account.Profile) bool {
			return p.ExperienceLevel == "" && len(p.TargetCompanies) == 0 && p.FullName == "Grace Hopper"
		}},
	}
	for _, st := range steps {
		got, err := db.UpdateProfile(uctx, u.ID, st.upd)
		if st.kind != mockroom.KindInternal {
			wantKind(t, err, st.kind, "")
			continue
		}
		must(t, err)
		if !st.want(got) {
			t.Fatalf("%s: UpdateProfile = %+v", st.name, got)
		}
		stored, err := db.Profile(ctx, u.ID)
		must(t, err)
		if !st.want(stored) || stored.Credits != before.Credits || stored.Email != before.Email || !stored.CreatedAt.Equal(before.CreatedAt) {
			t.Fatalf("%s: stored profile = %+v", st.name, stored)
		}
		if stored.UpdatedAt.Before(before.UpdatedAt) {
			t.Fatalf("%s: updated_at went back", st.name)
		}
	}
	// The rejected update changed nothing, not even the valid field beside it.
	stored, err := db.Profile(ctx, u.ID)
	must(t, err)
	if stored.FullName != "Grace Hopper" {
		t.Fatalf("a rejected update leaked: %+v", stored)
	}
	_, err = db.UpdateProfile(ctx, mockroom.NewID(), account.ProfileUpdate{FullName: ptr("x")})
	wantKind(t, err, mockroom.KindNotFound, "")
	_, err = db.UpdateProfile(ctx, "garbage", account.ProfileUpdate{FullName: ptr("x")})
	wantKind(t, err, mockroom.KindNotFound, "")
}

func testAuthSessions(t *testing.T, db storage.DB) {
	a := newUser(t, db, "a@example.com")
	b := newUser(t, db, "b@example.com")
	now := time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC)
	mk := func(hash, user string) *account.AuthSession {
		return &account.AuthSession{TokenHash: hash, UserID: user, CreatedAt: now, ExpiresAt: now.Add(time.Hour), UserAgent: "ua", IP: "203.0.113.9"}
	}
	s1 := mk("h1", a.ID)
	must(t, db.CreateAuthSession(ctx, s1))
	must(t, db.CreateAuthSession(ctx, mk("h2", a.ID)))
	must(t, db.CreateAuthSession(ctx, mk("h3", b.ID)))

	got, err := db.AuthSession(ctx, "h1", now.Add(time.Minute))
	must(t, err)
	if *got != *s1 {
		t.Fatalf("AuthSession = %+v, want %+v", got, s1)
	}
	for _, tc := range []struct {
		name string
		hash string
		at   time.Time
	}{
		{"at expiry", "h1", now.Add(time.Hour)},
		{"after expiry", "h1", now.Add(2 * time.Hour)},
		{"missing", "nope", now},
	} {
		_, err := db.AuthSession(ctx, tc.hash, tc.at)
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s: error = %v, want not found", tc.name, err)
		}
	}

	wantKind(t, db.CreateAuthSession(ctx, mk("h1", a.ID)), mockroom.KindConflict, "")
	wantKind(t, db.CreateAuthSession(ctx, mk("h9", mockroom.NewID())), mockroom.KindInvalid, "")
	wantKind(t, db.CreateAuthSession(ctx, &account.AuthSession{TokenHash: "h8", UserID: a.ID, CreatedAt: now, ExpiresAt: now}), mockroom.KindInvalid, "")

	// Revocation: one session, then all of a user's, never another user's.
	must(t, db.DeleteAuthSession(ctx, "h1"))
	must(t, db.DeleteAuthSession(ctx, "h1")) // idempotent
	if _, err := db.AuthSession(ctx, "h1", now); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("deleted session: %v", err)
	}
	if _, err := db.AuthSession(ctx, "h2", now); err != nil {
		t.Fatalf("sibling session gone: %v", err)
	}
	must(t, db.DeleteUserAuthSessions(ctx, a.ID))
	if _, err := db.AuthSession(ctx, "h2", now); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("DeleteUserAuthSessions left h2: %v", err)
	}
	if _, err := db.AuthSession(ctx, "h3", now); err != nil {
		t.Fatalf("DeleteUserAuthSessions touched another user: %v", err)
	}
}

func testIdentities(t *testing.T, db storage.DB) {
	u := newUser(t, db, "gh@example.com")
	other := newUser(t, db, "other@example.com")
	_, err := db.IdentityUser(ctx, "github", "42")
	wantKind(t, err, mockroom.KindNotFound, "")

	must(t, db.LinkIdentity(ctx, &account.Identity{Provider: "github", Subject: "42", UserID: u.ID, Email: "gh@example.com"}))
	must(t, db.LinkIdentity(ctx, &account.Identity{Provider: "google", Subject: "42", UserID: other.ID}))
	got, err := db.IdentityUser(ctx, "github", "42")
	must(t, err)
	if got.ID != u.ID || got.Email != u.Email {
		t.Fatalf("IdentityUser = %+v, want %+v", got, u)
	}
	got, err = db.IdentityUser(ctx, "google", "42")
	must(t, err)
	if got.ID != other.ID {
		t.Fatalf("IdentityUser(google) = %+v, want the other user", got)
	}
	err = db.LinkIdentity(ctx, &account.Identity{Provider: "github", Subject: "42", UserID: other.ID})
	wantKind(t, err, mockroom.KindConflict, "identity_taken")
	wantKind(t, db.LinkIdentity(ctx, &account.Identity{Provider: "", Subject: "1", UserID: u.ID}), mockroom.KindInvalid, "")
	wantKind(t, db.LinkIdentity(ctx, &account.Identity{Provider: "github", Subject: "7", UserID: mockroom.NewID()}), mockroom.KindInvalid, "")
}

func testLedger(t *testing.T, db storage.DB) {
	u := newUser(t, db, "ledger@example.com")
	other := newUser(t, db, "bystander@example.com")
	uctx := asUser(u.ID)

	steps := []struct {
		amount int
		typ    string
		kind   mockroom.Kind
		code   string
		want   int // balance after
	}{
		{5, billing.TxPurchase, 0, "", 8},
		{-2, billing.TxUsage, 0, "", 6},
		{-7, billing.TxUsage, mockroom.KindPaymentRequired, "insufficient_credits", 6},
		{1, billing.TxRefund, 0, "", 7},
		{-7, billing.TxUsage, 0, "", 0},
		{-1, billing.TxUsage, mockroom.KindPaymentRequired, "insufficient_credits", 0},
		{0, billing.TxBonus, mockroom.KindInvalid, "", 0},
		{3, "gift", mockroom.KindInvalid, "", 0},
	}
	prev := 3
	for i, st := range steps {
		ct, err := db.AddCredits(uctx, u.ID, st.amount, st.typ, fmt.Sprintf("ref-%d", i), "step")
		if st.kind != mockroom.KindInternal {
			wantKind(t, err, st.kind, st.code)
		} else {
			must(t, err)
			if ct.BalanceAfter != prev+st.amount || ct.BalanceAfter != st.want || ct.Amount != st.amount || ct.Type != st.typ ||
				ct.UserID != u.ID || !mockroom.ValidID(ct.ID) || ct.ReferenceID != fmt.Sprintf("ref-%d", i) {
				t.Fatalf("step %d: AddCredits = %+v", i, ct)
			}
		}
		prev = st.want
		bal, err := db.Balance(ctx, u.ID)
		must(t, err)
		prof, err := db.Profile(ctx, u.ID)
		must(t, err)
		if bal != st.want || prof.Credits != st.want {
			t.Fatalf("step %d: Balance = %d, profile credits = %d, want %d", i, bal, prof.Credits, st.want)
		}
	}

	txs, err := db.Transactions(uctx, u.ID, 100)
	must(t, err)
	if len(txs) != 5 {
		t.Fatalf("Transactions: %d rows, want 5", len(txs))
	}
	// Newest first, and each balance is the one before plus the amount.
	for i := 0; i+1 < len(txs); i++ {
		if txs[i].BalanceAfter != txs[i+1].BalanceAfter+txs[i].Amount {
			t.Fatalf("ledger inconsistent at %d: %+v", i, txs)
		}
	}
	if txs[0].BalanceAfter != 0 || txs[len(txs)-1].Type != billing.TxBonus {
		t.Fatalf("Transactions order: %+v", txs)
	}
	if lim, _ := db.Transactions(ctx, u.ID, 2); len(lim) != 2 || lim[0].ID != txs[0].ID {
		t.Fatalf("Transactions(limit 2) = %+v", lim)
	}
	if bal, _ := db.Balance(ctx, other.ID); bal != 3 {
		t.Fatalf("bystander balance = %d", bal)
	}
	_, err = db.AddCredits(ctx, mockroom.NewID(), 5, billing.TxPurchase, "", "")
	wantKind(t, err, mockroom.KindNotFound, "")
	if bal, err := db.Balance(ctx, mockroom.NewID()); err != nil || bal != 0 {
		t.Fatalf("Balance(unknown) = %d, %v; want 0", bal, err)
	}
}

// 50 concurrent spends of 1 credit from a balance of 3: exactly 3 succeed.
func testLedgerConcurrency(t *testing.T, db storage.DB) {
	u := newUser(t, db, "race@example.com")
	uctx := asUser(u.ID)
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = db.AddCredits(uctx, u.ID, -1, billing.TxUsage, mockroom.NewID(), "session")
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case mockroom.IsKind(err, mockroom.KindPaymentRequired) && mockroom.AsError(err).Code == "insufficient_credits":
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 3 {
		t.Fatalf("%d spends succeeded, want 3", ok)
	}
	bal, err := db.Balance(ctx, u.ID)
	must(t, err)
	prof, err := db.Profile(ctx, u.ID)
	must(t, err)
	if bal != 0 || prof.Credits != 0 {
		t.Fatalf("Balance = %d, profile credits = %d, want 0", bal, prof.Credits)
	}
	txs, err := db.Transactions(ctx, u.ID, 100)
	must(t, err)
	if len(txs) != 4 {
		t.Fatalf("%d ledger rows, want 4", len(txs))
	}
	for i, want := range []int{0, 1, 2, 3} {
		if txs[i].BalanceAfter != want {
			t.Fatalf("ledger = %+v", txs)
		}
	}
}

// sampleProblem returns a problem with every field set.
func sampleProblem(slug, title, difficulty string, cats, comps []string) *problem.Problem {
	rate := 47.25
	return &problem.Problem{
		Slug: slug, Title: title, Description: "# " + title + "\nSolve it.", Difficulty: difficulty,
		Categories: cats, Companies: comps, Hints: []string{"think", "harder, \"really\""},
		StarterCode:    map[string]string{"python": "def f():\n    pass\n", "go": "func f() {}"},
		TimeComplexity: "O(n)", SpaceComplexity: "O(1)", AcceptanceRate: &rate,
		Spec: json.RawMessage(`{"function":"f","params":[{"name":"nums","type":"int[]"}],"limits":{"time_ms":2000}}`),
		Guide: problem.Guide{Clarifications: []problem.Clarification{{Topic: "empty", Keywords: []string{"empty", "null"}, Answer: "Never empty."}},
			Pitfalls: []string{"off by one"}, EdgeCases: []string{"one element", "all equal"}, FollowUps: []string{"sorted input?"}},
	}
}

func sampleTests(n int) []problem.TestCase {
	var out []problem.TestCase
	for i := range n {
		out = append(out, problem.TestCase{
			Input:          json.RawMessage(fmt.Sprintf(`{"nums":[%d,2,3]}`, i)),
			ExpectedOutput: json.RawMessage(fmt.Sprintf(`%d`, i)),
			IsExample:      i < 2,
			IsHidden:       i >= 2,
			Explanation:    fmt.Sprintf("case %d", i),
			OrderIndex:     i,
		})
	}
	// A test marked example but hidden is still not shown.
	out = append(out, problem.TestCase{Input: json.RawMessage(`{"nums":[]}`), ExpectedOutput: json.RawMessage(`null`), IsExample: true, IsHidden: true, OrderIndex: n})
	return out
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func testProblemUpsert(t *testing.T, db storage.DB) {
	p := sampleProblem("two-sum", "Two Sum", "easy", []string{"Array", "Hash Table"}, []string{"Google"})
	tests := sampleTests(4)
	must(t, db.UpsertProblem(ctx, p, tests, &problem.Solution{Code: map[string]string{"python": "pass"}, Explanation: "hash it"}))
	if !mockroom.ValidID(p.ID) || p.CreatedAt.IsZero() || !p.HasSolution {
		t.Fatalf("UpsertProblem left %+v", p)
	}
	for _, tc := range tests {
		if !mockroom.ValidID(tc.ID) || tc.ProblemID != p.ID {
			t.Fatalf("UpsertProblem left test %+v", tc)
		}
	}
	got, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	want := sampleProblem("two-sum", "Two Sum", "easy", []string{"Array", "Hash Table"}, []string{"Google"})
	if got.ID != p.ID || got.Title != want.Title || got.Description != want.Description || got.Difficulty != "easy" ||
		!slices.Equal(got.Categories, want.Categories) || !slices.Equal(got.Companies, want.Companies) ||
		!slices.Equal(got.Hints, want.Hints) || got.StarterCode["python"] != want.StarterCode["python"] ||
		len(got.StarterCode) != 2 || !got.HasSolution || got.TimeComplexity != "O(n)" || got.SpaceComplexity != "O(1)" ||
		got.AcceptanceRate == nil || *got.AcceptanceRate != 47.25 || !jsonEqual(got.Spec, want.Spec) ||
		!reflect.DeepEqual(got.Guide, want.Guide) {
		t.Fatalf("ProblemBySlug = %+v", got)
	}
	byID, err := db.ProblemByID(ctx, p.ID)
	must(t, err)
	if byID.Slug != "two-sum" {
		t.Fatalf("ProblemByID = %+v", byID)
	}

	// Second run: new content, fewer tests, no solution. Still one problem,
	// same id, the latest tests only.
	p2 := sampleProblem("two-sum", "Two Sum (v2)", "medium", []string{"Array"}, nil)
	p2.AcceptanceRate, p2.Spec, p2.HasSolution = nil, nil, false
	must(t, db.UpsertProblem(ctx, p2, sampleTests(1), nil))
	if p2.ID != p.ID {
		t.Fatalf("upsert changed the id: %s -> %s", p.ID, p2.ID)
	}
	list, total, err := db.ListProblems(ctx, problem.Filter{})
	must(t, err)
	if total != 1 || len(list) != 1 || list[0].Title != "Two Sum (v2)" || list[0].Difficulty != "medium" ||
		list[0].AcceptanceRate != nil || len(list[0].Spec) != 0 || list[0].HasSolution || len(list[0].Companies) != 0 {
		t.Fatalf("after re-upsert: total %d, %+v", total, list)
	}
	all, err := db.AllTests(mockroom.AsService(ctx), p.ID)
	must(t, err)
	if len(all) != 2 {
		t.Fatalf("AllTests after re-upsert = %d tests, want 2", len(all))
	}
	_, err = db.Solution(mockroom.AsService(ctx), p.ID)
	wantKind(t, err, mockroom.KindNotFound, "")

	// Running the identical upsert twice is idempotent.
	for range 2 {
		must(t, db.UpsertProblem(ctx, sampleProblem("lru", "LRU Cache", "hard", nil, nil), sampleTests(3), nil))
	}
	if _, total, _ := db.ListProblems(ctx, problem.Filter{}); total != 2 {
		t.Fatalf("total = %d after idempotent upserts, want 2", total)
	}
	lru, err := db.ProblemBySlug(ctx, "lru")
	must(t, err)
	if all, _ := db.AllTests(mockroom.AsService(ctx), lru.ID); len(all) != 4 {
		t.Fatalf("lru tests = %d, want 4", len(all))
	}

	for name, err := range map[string]error{
		"slug":   second(db.ProblemBySlug(ctx, "nope")),
		"id":     second(db.ProblemByID(ctx, mockroom.NewID())),
		"bad id": second(db.ProblemByID(ctx, "x")),
	} {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s: %v, want not found", name, err)
		}
	}
}

func seedLibrary(t *testing.T, db storage.DB) {
	t.Helper()
	patterns := map[string]string{"two-sum": "Arrays & Hashing", "valid-parens": "Stack", "add-two-numbers": "Linked List",
		"lru-cache": "Design", "median-two-arrays": "Binary Search", "percent-100": "Arrays & Hashing", "k-closest": "Heap"}
	for _, p := range []*problem.Problem{
		sampleProblem("two-sum", "Two Sum", "easy", []string{"Array", "Hash Table"}, []string{"Google", "Amazon"}),
		sampleProblem("valid-parens", "Valid Parentheses", "easy", []string{"Stack", "String"}, []string{"Meta"}),
		sampleProblem("add-two-numbers", "Add Two Numbers", "medium", []string{"Linked List", "Math"}, []string{"Amazon"}),
		sampleProblem("lru-cache", "LRU Cache", "medium", []string{"Design", "Hash Table"}, []string{"Google", "Meta"}),
		sampleProblem("median-two-arrays", "Median of Two Sorted Arrays", "hard", []string{"Array", "Binary Search"}, []string{"Google"}),
		sampleProblem("percent-100", "100% Coverage", "hard", []string{"Array"}, nil),
		sampleProblem("k-closest", "k Closest Points", "hard", []string{"String"}, nil),
	} {
		p.Pattern = patterns[p.Slug]
		must(t, db.UpsertProblem(ctx, p, sampleTests(2), nil))
	}
}

func slugs(ps []problem.Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Slug)
	}
	return out
}

func testProblemListing(t *testing.T, db storage.DB) {
	seedLibrary(t, db)
	uctx := asUser(mockroom.NewID()) // the library is public, also to users
	for _, tc := range []struct {
		name  string
		f     problem.Filter
		want  []string
		total int
	}{
		{"all, difficulty then title ignoring case", problem.Filter{}, []string{"two-sum", "valid-parens", "add-two-numbers", "lru-cache", "percent-100", "k-closest", "median-two-arrays"}, 7},
		{"difficulty", problem.Filter{Difficulty: "medium"}, []string{"add-two-numbers", "lru-cache"}, 2},
		{"category ignores case", problem.Filter{Category: "hash table"}, []string{"two-sum", "lru-cache"}, 2},
		{"category is an element, not a substring", problem.Filter{Category: "Hash"}, []string{}, 0},
		{"company", problem.Filter{Company: "Amazon"}, []string{"two-sum", "add-two-numbers"}, 2},
		{"query title", problem.Filter{Query: "TWO"}, []string{"two-sum", "add-two-numbers", "median-two-arrays"}, 3},
		{"query slug", problem.Filter{Query: "parens"}, []string{"valid-parens"}, 1},
		{"query percent is literal", problem.Filter{Query: "100%"}, []string{"percent-100"}, 1},
		{"query underscore is literal", problem.Filter{Query: "_"}, []string{}, 0},
		{"query category", problem.Filter{Query: "linked"}, []string{"add-two-numbers"}, 1},
		{"query company", problem.Filter{Query: "META"}, []string{"valid-parens", "lru-cache"}, 2},
		{"query statement text", problem.Filter{Query: "solve it"}, []string{"two-sum", "valid-parens", "add-two-numbers", "lru-cache", "percent-100", "k-closest", "median-two-arrays"}, 7},
		{"combined", problem.Filter{Difficulty: "easy", Company: "google", Category: "array"}, []string{"two-sum"}, 1},
		{"page 2", problem.Filter{Limit: 2, Page: 2}, []string{"add-two-numbers", "lru-cache"}, 7},
		{"last page", problem.Filter{Limit: 2, Page: 4}, []string{"median-two-arrays"}, 7},
		{"past the end", problem.Filter{Limit: 4, Page: 3}, []string{}, 7},
		{"page 0 is page 1", problem.Filter{Limit: 1, Page: 0}, []string{"two-sum"}, 7},
		{"limit capped at 100", problem.Filter{Limit: 100000}, []string{"two-sum", "valid-parens", "add-two-numbers", "lru-cache", "percent-100", "k-closest", "median-two-arrays"}, 7},
		{"no match", problem.Filter{Difficulty: "impossible"}, []string{}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []context.Context{ctx, uctx} {
				got, total, err := db.ListProblems(c, tc.f)
				must(t, err)
				if !slices.Equal(slugs(got), tc.want) || total != tc.total {
					t.Fatalf("ListProblems(%+v) = %v (total %d), want %v (total %d)", tc.f, slugs(got), total, tc.want, tc.total)
				}
			}
		})
	}
}

func testProblemRandomAndFacets(t *testing.T, db storage.DB) {
	_, err := db.RandomProblem(ctx, problem.Filter{})
	wantKind(t, err, mockroom.KindNotFound, "")
	f, err := db.ProblemFacets(ctx)
	must(t, err)
	if len(f.Categories) != 0 || len(f.Companies) != 0 {
		t.Fatalf("facets of an empty library = %+v", f)
	}

	seedLibrary(t, db)
	seen := map[string]bool{}
	for range 40 {
		p, err := db.RandomProblem(ctx, problem.Filter{Difficulty: "medium", Page: 9, Limit: 1})
		must(t, err)
		if p.Difficulty != "medium" {
			t.Fatalf("RandomProblem(medium) = %s (%s)", p.Slug, p.Difficulty)
		}
		seen[p.Slug] = true
	}
	if len(seen) != 2 {
		t.Fatalf("40 random picks of 2 medium problems saw %v", seen)
	}
	p, err := db.RandomProblem(ctx, problem.Filter{Company: "meta", Category: "stack"})
	must(t, err)
	if p.Slug != "valid-parens" {
		t.Fatalf("RandomProblem(meta, stack) = %s", p.Slug)
	}
	_, err = db.RandomProblem(ctx, problem.Filter{Difficulty: "hard", Company: "Meta"})
	wantKind(t, err, mockroom.KindNotFound, "")

	f, err = db.ProblemFacets(ctx)
	must(t, err)
	wantCats := []string{"Array", "Binary Search", "Design", "Hash Table", "Linked List", "Math", "Stack", "String"}
	wantComps := []string{"Amazon", "Google", "Meta"}
	wantPatterns := []string{"Arrays & Hashing", "Stack", "Linked List", "Binary Search", "Heap", "Design"} // study order
	if !slices.Equal(f.Categories, wantCats) || !slices.Equal(f.Companies, wantComps) || !slices.Equal(f.Patterns, wantPatterns) {
		t.Fatalf("ProblemFacets = %+v", f)
	}
	for _, tc := range []struct {
		f    problem.Filter
		want []string
	}{
		{problem.Filter{Pattern: "stack"}, []string{"valid-parens"}},
		{problem.Filter{Pattern: "Arrays & Hashing"}, []string{"two-sum", "percent-100"}},
		{problem.Filter{Pattern: "Arrays & Hashing", Difficulty: "hard"}, []string{"percent-100"}},
		{problem.Filter{Query: "heap"}, []string{"k-closest"}}, // the pattern is searched too
		{problem.Filter{Pattern: "Tries"}, []string{}},
	} {
		got, _, err := db.ListProblems(ctx, tc.f)
		must(t, err)
		if !slices.Equal(slugs(got), tc.want) {
			t.Fatalf("ListProblems(%+v) = %v, want %v", tc.f, slugs(got), tc.want)
		}
		if len(got) > 0 && got[0].Pattern == "" {
			t.Fatalf("ListProblems(%+v) lost the pattern", tc.f)
		}
	}
}

func testTestsAndSolutions(t *testing.T, db storage.DB) {
	p := sampleProblem("t", "T", "easy", nil, nil)
	sol := &problem.Solution{Code: map[string]string{"python": "def f(): return 1", "go": "func f() int { return 1 }"}, Explanation: "constant"}
	must(t, db.UpsertProblem(ctx, p, sampleTests(5), sol))
	if sol.ProblemID != p.ID {
		t.Fatalf("solution problem id = %q", sol.ProblemID)
	}
	svc := mockroom.AsService(ctx)

	ex, err := db.ExampleTests(asUser(mockroom.NewID()), p.ID)
	must(t, err)
	if len(ex) != 2 || ex[0].OrderIndex != 0 || ex[1].OrderIndex != 1 {
		t.Fatalf("ExampleTests = %+v", ex)
	}
	for _, tc := range ex {
		if !tc.IsExample || tc.IsHidden || tc.ProblemID != p.ID || !jsonEqual(tc.Input, []byte(fmt.Sprintf(`{"nums":[%d,2,3]}`, tc.OrderIndex))) {
			t.Fatalf("example test = %+v", tc)
		}
	}
	if ex2, _ := db.ExampleTests(svc, p.ID); len(ex2) != 2 {
		t.Fatalf("ExampleTests on the service path = %d", len(ex2))
	}

	all, err := db.AllTests(svc, p.ID)
	must(t, err)
	if len(all) != 6 {
		t.Fatalf("AllTests = %d tests, want 6", len(all))
	}
	hidden := 0
	for i, tc := range all {
		if tc.OrderIndex != i {
			t.Fatalf("AllTests out of order: %+v", all)
		}
		if tc.IsHidden {
			hidden++
		}
	}
	if hidden != 4 || all[2].Explanation != "case 2" || !jsonEqual(all[2].ExpectedOutput, []byte("2")) {
		t.Fatalf("AllTests = %+v", all)
	}

	got, err := db.Solution(svc, p.ID)
	must(t, err)
	if got.ProblemID != p.ID || got.Explanation != "constant" || len(got.Code) != 2 || got.Code["go"] != sol.Code["go"] {
		t.Fatalf("Solution = %+v", got)
	}
	for name, err := range map[string]error{
		"solution of unknown problem": second(db.Solution(svc, mockroom.NewID())),
		"solution bad id":             second(db.Solution(svc, "x")),
	} {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if tests, err := db.AllTests(svc, mockroom.NewID()); err != nil || len(tests) != 0 {
		t.Fatalf("AllTests(unknown) = %v, %v", tests, err)
	}
}

func testProblemValidation(t *testing.T, db storage.DB) {
	bad := func(mut func(p *problem.Problem)) *problem.Problem {
		p := sampleProblem("v", "V", "easy", nil, nil)
		mut(p)
		return p
	}
	for _, tc := range []struct {
		name  string
		p     *problem.Problem
		tests []problem.TestCase
	}{
		{"difficulty by CHECK", bad(func(p *problem.Problem) { p.Difficulty = "trivial" }), nil},
		{"no slug", bad(func(p *problem.Problem) { p.Slug = "" }), nil},
		{"no title", bad(func(p *problem.Problem) { p.Title = " " }), nil},
		{"spec not JSON", bad(func(p *problem.Problem) { p.Spec = json.RawMessage("{") }), nil},
		{"rate out of range", bad(func(p *problem.Problem) { r := 101.0; p.AcceptanceRate = &r }), nil},
		{"test input not JSON", bad(func(p *problem.Problem) {}), []problem.TestCase{{Input: json.RawMessage("nope"), ExpectedOutput: json.RawMessage("1")}}},
		{"test without output", bad(func(p *problem.Problem) {}), []problem.TestCase{{Input: json.RawMessage("{}")}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantKind(t, db.UpsertProblem(ctx, tc.p, tc.tests, nil), mockroom.KindInvalid, "")
		})
	}
	// Nothing half-written.
	if _, total, _ := db.ListProblems(ctx, problem.Filter{}); total != 0 {
		t.Fatalf("a rejected upsert left %d problems", total)
	}
}

func testSessions(t *testing.T, db storage.DB) {
	seedLibrary(t, db)
	a := newUser(t, db, "a@example.com")
	b := newUser(t, db, "b@example.com")
	twoSum, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	lru, err := db.ProblemBySlug(ctx, "lru-cache")
	must(t, err)
	actx, bctx := asUser(a.ID), asUser(b.ID)

	base := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	started := base.Add(time.Minute)
	s1 := &interview.Session{ID: mockroom.NewID(), UserID: a.ID, ProblemID: twoSum.ID, CreatedAt: base}
	must(t, db.CreateSession(actx, s1))
	if s1.Status != interview.StatusScheduled || s1.Language != "python" || s1.DurationMinutes != 45 {
		t.Fatalf("defaults not applied: %+v", s1)
	}
	s2 := &interview.Session{ID: mockroom.NewID(), UserID: a.ID, ProblemID: lru.ID, Status: interview.StatusActive,
		DifficultyOverride: "hard", Language: "typescript", DurationMinutes: 60, StartedAt: &started,
		HintsUsed: 1, TestCasesPassed: 2, TestCasesTotal: 5, CreditsConsumed: 1,
		Metadata: json.RawMessage(`{"user_agent":"test"}`), CreatedAt: base.Add(time.Hour)}
	must(t, db.CreateSession(actx, s2))
	sb := &interview.Session{ID: mockroom.NewID(), UserID: b.ID, ProblemID: twoSum.ID, Language: "cpp", DurationMinutes: 30, CreatedAt: base.Add(2 * time.Hour)}
	must(t, db.CreateSession(bctx, sb))

	got, err := db.Session(actx, a.ID, s2.ID)
	must(t, err)
	if got.ID != s2.ID || got.UserID != a.ID || got.ProblemID != lru.ID || got.Status != "active" || got.DifficultyOverride != "hard" ||
		got.Language != "typescript" || got.DurationMinutes != 60 || got.StartedAt == nil || !got.StartedAt.Equal(started) ||
		got.EndedAt != nil || got.HintsUsed != 1 || got.TestCasesPassed != 2 || got.TestCasesTotal != 5 || got.CreditsConsumed != 1 ||
		!jsonEqual(got.Metadata, s2.Metadata) || !got.CreatedAt.Equal(s2.CreatedAt) {
		t.Fatalf("Session = %+v", got)
	}
	if got, err := db.Session(ctx, a.ID, s1.ID); err != nil || got.Metadata != nil || got.StartedAt != nil {
		t.Fatalf("Session(s1) = %+v, %v", got, err)
	}

	// Someone else's session is not found, on the user path and the service path.
	for name, err := range map[string]error{
		"b asks for a's":            second(db.Session(bctx, b.ID, s1.ID)),
		"b claims to be a":          second(db.Session(bctx, a.ID, s1.ID)),
		"service path, wrong owner": second(db.Session(mockroom.AsService(ctx), b.ID, s1.ID)),
		"missing":                   second(db.Session(actx, a.ID, mockroom.NewID())),
		"malformed id":              second(db.Session(actx, a.ID, "1 OR 1=1")),
	} {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s: error = %v, want not found", name, err)
		}
	}

	list, err := db.ListSessions(actx, a.ID, 0)
	must(t, err)
	if len(list) != 2 || list[0].ID != s2.ID || list[1].ID != s1.ID {
		t.Fatalf("ListSessions(a) = %+v", list)
	}
	if list[0].ProblemSlug != "lru-cache" || list[0].ProblemTitle != "LRU Cache" || list[0].ProblemDifficulty != "medium" || list[0].Language != "typescript" {
		t.Fatalf("summary = %+v", list[0])
	}
	if l, _ := db.ListSessions(actx, a.ID, 1); len(l) != 1 || l[0].ID != s2.ID {
		t.Fatalf("ListSessions(limit 1) = %+v", l)
	}
	lb, err := db.ListSessions(bctx, b.ID, 10)
	must(t, err)
	if len(lb) != 1 || lb[0].ID != sb.ID || lb[0].Language != "cpp" || lb[0].DurationMinutes != 30 {
		t.Fatalf("ListSessions(b) = %+v", lb)
	}
	if l, err := db.ListSessions(ctx, mockroom.NewID(), 10); err != nil || len(l) != 0 {
		t.Fatalf("ListSessions(nobody) = %+v, %v", l, err)
	}

	wantKind(t, db.CreateSession(actx, &interview.Session{ID: s1.ID, UserID: a.ID, ProblemID: twoSum.ID}), mockroom.KindConflict, "")
}

func testSessionValidation(t *testing.T, db storage.DB) {
	seedLibrary(t, db)
	u := newUser(t, db, "v@example.com")
	p, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	for _, lang := range []string{"python", "javascript", "typescript", "java", "go", "cpp"} {
		must(t, db.CreateSession(ctx, &interview.Session{UserID: u.ID, ProblemID: p.ID, Language: lang}))
	}
	for _, tc := range []struct {
		name string
		s    interview.Session
	}{
		{"language", interview.Session{Language: "rust"}},
		{"duration", interview.Session{DurationMinutes: 50}},
		{"status", interview.Session{Status: "paused"}},
		{"difficulty override", interview.Session{DifficultyOverride: "insane"}},
		{"negative hints", interview.Session{HintsUsed: -1}},
		{"metadata not JSON", interview.Session{Metadata: json.RawMessage("{")}},
		{"unknown problem", interview.Session{ProblemID: mockroom.NewID()}},
		{"unknown user", interview.Session{UserID: mockroom.NewID()}},
		{"malformed problem id", interview.Session{ProblemID: "two-sum"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.s
			if s.UserID == "" {
				s.UserID = u.ID
			}
			if s.ProblemID == "" {
				s.ProblemID = p.ID
			}
			wantKind(t, db.CreateSession(ctx, &s), mockroom.KindInvalid, "")
		})
	}
	if l, _ := db.ListSessions(ctx, u.ID, 100); len(l) != 6 {
		t.Fatalf("%d sessions stored, want 6", len(l))
	}
}

func testAudit(t *testing.T, db storage.DB) {
	admin := newUser(t, db, "admin@example.com")
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	entries := []storage.AuditEntry{
		{ActorUserID: admin.ID, Action: "admin.grant_credits", TargetType: "user", TargetID: mockroom.NewID(),
			Metadata: json.RawMessage(`{"amount":5}`), IP: "198.51.100.1", CreatedAt: at},
		{Action: "retention.purge", TargetType: "transcripts", Metadata: json.RawMessage(`{"rows":12}`), CreatedAt: at.Add(time.Second)},
	}
	for _, e := range entries {
		must(t, db.AppendAudit(ctx, e))
	}
	// A user may record their own action.
	must(t, db.AppendAudit(asUser(admin.ID), storage.AuditEntry{ActorUserID: admin.ID, Action: "user.export", CreatedAt: at.Add(2 * time.Second)}))

	log, err := db.AuditLog(mockroom.AsService(ctx), 10)
	must(t, err)
	if len(log) != 3 || log[0].Action != "user.export" || log[1].Action != "retention.purge" || log[2].Action != "admin.grant_credits" {
		t.Fatalf("AuditLog = %+v", log)
	}
	first := log[2]
	if !mockroom.ValidID(first.ID) || first.ActorUserID != admin.ID || first.TargetType != "user" || first.TargetID != entries[0].TargetID ||
		!jsonEqual(first.Metadata, entries[0].Metadata) || first.IP != "198.51.100.1" || !first.CreatedAt.Equal(at) {
		t.Fatalf("audit entry = %+v", first)
	}
	if log[1].ActorUserID != "" || log[1].IP != "" {
		t.Fatalf("system entry = %+v", log[1])
	}
	if l, _ := db.AuditLog(ctx, 1); len(l) != 1 {
		t.Fatalf("AuditLog(limit 1) = %d entries", len(l))
	}
	wantKind(t, db.AppendAudit(ctx, storage.AuditEntry{Action: ""}), mockroom.KindInvalid, "")
	wantKind(t, db.AppendAudit(ctx, storage.AuditEntry{Action: "x", Metadata: json.RawMessage("{")}), mockroom.KindInvalid, "")
	wantKind(t, db.AppendAudit(ctx, storage.AuditEntry{Action: "x", ActorUserID: "nope"}), mockroom.KindInvalid, "")
}

// A signed-in user's request that names another user's rows sees nothing and
// changes nothing. The Go code enforces this on both engines; on PostgreSQL
// row-level security would also refuse (see the postgres package's RLS test).
func testForeignUser(t *testing.T, db storage.DB) {
	seedLibrary(t, db)
	a := newUser(t, db, "a@example.com")
	b := newUser(t, db, "b@example.com")
	p, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	sb := &interview.Session{UserID: b.ID, ProblemID: p.ID}
	must(t, db.CreateSession(ctx, sb))
	now := time.Now()
	must(t, db.CreateAuthSession(ctx, &account.AuthSession{TokenHash: "b-token", UserID: b.ID, ExpiresAt: now.Add(time.Hour)}))
	must(t, db.LinkIdentity(ctx, &account.Identity{Provider: "github", Subject: "b", UserID: b.ID}))
	actx := asUser(a.ID)

	notFound := map[string]error{
		"UserByID":      second(db.UserByID(actx, b.ID)),
		"UserByEmail":   second(db.UserByEmail(actx, b.Email)),
		"Profile":       second(db.Profile(actx, b.ID)),
		"UpdateProfile": second(db.UpdateProfile(actx, b.ID, account.ProfileUpdate{FullName: ptr("pwned")})),
		"AuthSession":   second(db.AuthSession(actx, "b-token", now)),
		"IdentityUser":  second(db.IdentityUser(actx, "github", "b")),
		"AddCredits":    second(db.AddCredits(actx, b.ID, 100, billing.TxPurchase, "", "")),
		"Session":       second(db.Session(actx, b.ID, sb.ID)),
	}
	for name, err := range notFound {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s: error = %v, want not found", name, err)
		}
	}
	forbidden := map[string]error{
		"CreateUser":        db.CreateUser(actx, &account.User{ID: mockroom.NewID(), Email: "c@example.com"}, &account.Profile{}, 3),
		"CreateAuthSession": db.CreateAuthSession(actx, &account.AuthSession{TokenHash: "x", UserID: b.ID, ExpiresAt: now.Add(time.Hour)}),
		"LinkIdentity":      db.LinkIdentity(actx, &account.Identity{Provider: "google", Subject: "x", UserID: b.ID}),
		"CreateSession":     db.CreateSession(actx, &interview.Session{UserID: b.ID, ProblemID: p.ID}),
		"AppendAudit":       db.AppendAudit(actx, storage.AuditEntry{ActorUserID: b.ID, Action: "forged"}),
		"AuditLog":          second(db.AuditLog(actx, 10)),
	}
	for name, err := range forbidden {
		if !mockroom.IsKind(err, mockroom.KindForbidden) {
			t.Errorf("%s: error = %v, want forbidden", name, err)
		}
	}
	if bal, err := db.Balance(actx, b.ID); err != nil || bal != 0 {
		t.Errorf("Balance of another user = %d, %v; want 0", bal, err)
	}
	if txs, err := db.Transactions(actx, b.ID, 10); err != nil || len(txs) != 0 {
		t.Errorf("Transactions of another user = %+v, %v", txs, err)
	}
	if l, err := db.ListSessions(actx, b.ID, 10); err != nil || len(l) != 0 {
		t.Errorf("ListSessions of another user = %+v, %v", l, err)
	}
	must(t, db.DeleteAuthSession(actx, "b-token"))
	must(t, db.DeleteUserAuthSessions(actx, b.ID))

	// B is untouched.
	if _, err := db.AuthSession(ctx, "b-token", now); err != nil {
		t.Errorf("a deleted b's session: %v", err)
	}
	prof, err := db.Profile(ctx, b.ID)
	must(t, err)
	if prof.FullName == "pwned" || prof.Credits != 3 {
		t.Errorf("b's profile changed: %+v", prof)
	}
	if bal, _ := db.Balance(ctx, b.ID); bal != 3 {
		t.Errorf("b's balance = %d", bal)
	}
	if _, err := db.UserByEmail(ctx, "c@example.com"); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Errorf("a forbidden CreateUser left a user: %v", err)
	}
	if l, _ := db.ListSessions(ctx, b.ID, 10); len(l) != 1 {
		t.Errorf("b has %d sessions, want 1", len(l))
	}
}
