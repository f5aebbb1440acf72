package governance_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/governance"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/storage/sqlite"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

type fixture struct {
	db       *sqlite.DB
	accounts *account.Service
	svc      *governance.Service
	user     *account.User
	session  *interview.Session
	clock    *clock
}

func setup(t *testing.T, cfg governance.Config) fixture {
	t.Helper()
	ctx := mockroom.AsService(context.Background())
	db, err := sqlite.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &problem.Problem{Slug: "two-sum", Title: "Two Sum", Description: "Find two.", Difficulty: "easy",
		StarterCode: map[string]string{"go": "func f() {}"}}
	if err := db.UpsertProblem(ctx, p, nil, nil); err != nil {
		t.Fatal(err)
	}
	hash, _ := account.HashPassword("correct horse battery")
	u := &account.User{Email: "ada@example.com", PasswordHash: hash}
	if err := db.CreateUser(ctx, u, &account.Profile{FullName: "Ada Lovelace"}, 3); err != nil {
		t.Fatal(err)
	}
	uctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: u.ID})
	s := &interview.Session{UserID: u.ID, ProblemID: p.ID, Language: "go", DurationMinutes: 30}
	if err := db.StartSession(uctx, s, "func f() {}", 3, 1, events.Event{Topic: events.SessionStarted}); err != nil {
		t.Fatal(err)
	}
	for i, line := range []string{"Tell me how you would start.", "I would use a hash map from value to index."} {
		speaker := "interviewer"
		if i == 1 {
			speaker = "candidate"
		}
		if _, err := db.AddTranscript(uctx, &interview.Transcript{SessionID: s.ID, Speaker: speaker, Content: line, TimestampMS: int64(i) * 61000}, 0, 100); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddSnapshot(uctx, &interview.Snapshot{SessionID: s.ID, Code: "func twoSum() {}", Language: "go", TimestampMS: 1000}, nil); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Now()}
	accounts := account.NewService(db, ratelimit.NewMemory(c), c, account.Config{})
	svc := governance.NewService(db, accounts, db, nil, c, nil, cfg)
	return fixture{db: db, accounts: accounts, svc: svc, user: u, session: s, clock: c}
}

func TestExportArchive(t *testing.T) {
	f := setup(t, governance.Config{})
	uctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: f.user.ID})
	a, err := f.svc.Export(uctx, f.user.ID, "203.0.113.5")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Name, "mockroom-data-") || !strings.HasSuffix(a.Name, ".zip") {
		t.Fatalf("name %q", a.Name)
	}
	z, err := zip.NewReader(bytes.NewReader(a.Body), int64(len(a.Body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, zf := range z.File {
		r, _ := zf.Open()
		b, _ := io.ReadAll(r)
		files[zf.Name] = string(b)
	}
	for _, name := range []string{"README.md", "data/users.json", "data/profiles.json", "data/sessions.json", "data/transcripts.json",
		"data/code_snapshots.json", "data/credit_transactions.json", "data/audit_log.json"} {
		if _, ok := files[name]; !ok {
			t.Errorf("archive has no %s (has %v)", name, keys(files))
		}
	}
	var users []map[string]any
	if err := json.Unmarshal([]byte(files["data/users.json"]), &users); err != nil || len(users) != 1 || users[0]["email"] != "ada@example.com" {
		t.Fatalf("users.json = %s (%v)", files["data/users.json"], err)
	}
	if strings.Contains(files["data/users.json"], "password_hash") {
		t.Fatal("the password hash is exported")
	}
	var report string
	for name, body := range files {
		if strings.HasPrefix(name, "sessions/") && strings.HasSuffix(name, ".md") {
			report = body
		}
	}
	for _, want := range []string{"# Interview: Two Sum", "**candidate** (01:01): I would use a hash map", "func twoSum() {}"} {
		if !strings.Contains(report, want) {
			t.Errorf("session report lacks %q:\n%s", want, report)
		}
	}
	// The export is in the audit log.
	log, _ := f.db.AuditLog(mockroom.AsService(context.Background()), 10)
	if len(log) != 1 || log[0].Action != "user.data_export" || log[0].ActorUserID != f.user.ID || log[0].IP != "203.0.113.5" {
		t.Fatalf("audit = %+v", log)
	}
	// Building archives is bounded per hour.
	for range governance.ExportsPerHour - 1 {
		if _, err := f.svc.Export(uctx, f.user.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.Export(uctx, f.user.ID, ""); !mockroom.IsKind(err, mockroom.KindRateLimited) {
		t.Fatalf("export past the limit: %v", err)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDeleteAccount(t *testing.T) {
	hookErr := errors.New("stripe is down")
	var hooked []string
	fail := true
	f := setup(t, governance.Config{BeforeDelete: []func(context.Context, string) error{func(_ context.Context, id string) error {
		hooked = append(hooked, id)
		if fail {
			return mockroom.Errorf(mockroom.KindUnavailable, "payments_unavailable", "%v", hookErr)
		}
		return nil
	}}})
	uctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: f.user.ID})
	for _, tc := range []struct {
		password, email, code string
	}{
		{"", "", "password_required"},
		{"wrong password!", "", "wrong_password"},
		{"", "ada@example.com", "password_required"}, // an account with a password needs it
	} {
		_, err := f.svc.DeleteAccount(uctx, f.user.ID, tc.password, tc.email)
		if e := mockroom.AsError(err); e == nil || e.Code != tc.code {
			t.Fatalf("%+v: %v, want %s", tc, err, tc.code)
		}
	}
	if len(hooked) != 0 {
		t.Fatal("the hook ran before re-authentication")
	}
	// A failing hook (the subscription could not be cancelled) stops it.
	if _, err := f.svc.DeleteAccount(uctx, f.user.ID, "correct horse battery", ""); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("with a failing hook: %v", err)
	}
	if _, err := f.db.UserByID(mockroom.AsService(context.Background()), f.user.ID); err != nil {
		t.Fatal("the account went although the hook failed")
	}
	fail = false
	d, err := f.svc.DeleteAccount(uctx, f.user.ID, "correct horse battery", "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows["transcripts"] != 2 || d.Rows["users"] != 1 {
		t.Fatalf("deletion %+v", d)
	}
	m, err := f.db.FindMentions(mockroom.AsService(context.Background()), []string{f.user.ID, f.user.Email, "Ada Lovelace"})
	if err != nil || len(m) != 0 {
		t.Fatalf("left behind: %+v, %v", m, err)
	}
}

// An account made through a provider has no password: typing its e-mail
// address confirms instead.
func TestDeleteOAuthAccount(t *testing.T) {
	f := setup(t, governance.Config{})
	ctx := mockroom.AsService(context.Background())
	u := &account.User{Email: "oauth@example.com"}
	if err := f.db.CreateUser(ctx, u, &account.Profile{}, 0); err != nil {
		t.Fatal(err)
	}
	uctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: u.ID})
	if _, err := f.svc.DeleteAccount(uctx, u.ID, "", "someone@example.com"); mockroom.AsError(err) == nil || mockroom.AsError(err).Code != "confirmation_mismatch" {
		t.Fatalf("wrong address: %v", err)
	}
	if _, err := f.svc.DeleteAccount(uctx, u.ID, "", " OAuth@Example.com "); err != nil {
		t.Fatal(err)
	}
}

func TestPrune(t *testing.T) {
	f := setup(t, governance.Config{TranscriptRetention: 90 * 24 * time.Hour})
	ctx := mockroom.AsService(context.Background())
	if tr, ev, err := f.svc.Prune(ctx); err != nil || tr != 0 {
		t.Fatalf("fresh transcripts pruned: %d %d %v", tr, ev, err)
	}
	f.clock.t = f.clock.t.Add(91 * 24 * time.Hour)
	tr, ev, err := f.svc.Prune(ctx)
	if err != nil || tr != 2 || ev == 0 {
		t.Fatalf("after 91 days: %d transcripts, %d events, %v", tr, ev, err)
	}
	if left, _ := f.db.Transcripts(ctx, f.session.ID); len(left) != 0 {
		t.Fatalf("%d transcripts left", len(left))
	}
	if tr, ev, err := f.svc.Prune(ctx); err != nil || tr != 0 || ev != 0 {
		t.Fatalf("second run: %d %d %v", tr, ev, err)
	}
	log, _ := f.db.AuditLog(ctx, 10)
	if len(log) != 1 || log[0].Action != "retention.purge" {
		t.Fatalf("audit %+v", log)
	}
	if v, _ := f.db.VerifyAudit(ctx); !v.OK {
		t.Fatalf("chain %+v", v)
	}
}
