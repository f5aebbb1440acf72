package storagetest

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/voice"
)

// The console's user queries: search by e-mail or name, a grant that names
// its admin, suspension that revokes sessions, and none of it for a user
// request.
func testAdminUsers(t *testing.T, db storage.DB) {
	boss := newUser(t, db, "boss@example.com")
	ada := newUser(t, db, "ada@example.com")
	newUser(t, db, "grace@example.org")
	must(t, db.SetAdmin(ctx, ada.ID, true))
	if u, _ := db.UserByID(ctx, ada.ID); !u.IsAdmin {
		t.Fatal("SetAdmin(true) did not stick")
	}
	must(t, db.SetAdmin(ctx, ada.ID, false))

	for _, tc := range []struct {
		q    string
		want int
	}{{"", 3}, {"ADA@", 1}, {"example.org", 1}, {"name of grace", 1}, {"100%", 0}, {"_", 0}} {
		got, total, err := db.SearchUsers(ctx, tc.q, 10, 0)
		must(t, err)
		if total != tc.want || len(got) != tc.want {
			t.Fatalf("SearchUsers(%q) = %d rows, total %d; want %d", tc.q, len(got), total, tc.want)
		}
	}
	got, _, _ := db.SearchUsers(ctx, "ada", 10, 0)
	if got[0].ID != ada.ID || got[0].Credits != billing.SignupCredits || got[0].FullName != "Name of ada@example.com" || got[0].SuspendedAt != nil {
		t.Fatalf("summary %+v", got[0])
	}

	row, err := db.GrantCredits(ctx, boss.ID, ada.ID, 7, "beta tester")
	must(t, err)
	if row.Amount != 7 || row.Type != billing.TxBonus || row.ActorUserID != boss.ID || row.ActorEmail != "boss@example.com" || row.BalanceAfter != billing.SignupCredits+7 {
		t.Fatalf("grant row %+v", row)
	}
	d, err := db.UserDetail(ctx, ada.ID)
	must(t, err)
	if d.User.Credits != billing.SignupCredits+7 || len(d.Ledger) != 2 || d.Ledger[0].ActorUserID != boss.ID ||
		d.Ledger[0].Description != "beta tester" || d.Ledger[0].ActorEmail != "boss@example.com" || d.Ledger[1].ActorUserID != "" {
		t.Fatalf("detail %+v", d)
	}
	if bal, _ := db.Balance(ctx, ada.ID); bal != billing.SignupCredits+7 {
		t.Fatalf("balance %d after the grant", bal)
	}
	wantKind(t, second(db.GrantCredits(ctx, boss.ID, ada.ID, 0, "x")), mockroom.KindInvalid, "invalid_amount")
	wantKind(t, second(db.GrantCredits(ctx, boss.ID, mockroom.NewID(), 1, "x")), mockroom.KindNotFound, "")

	must(t, db.CreateAuthSession(ctx, &account.AuthSession{TokenHash: "h1", UserID: ada.ID, CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}))
	must(t, db.SetSuspended(ctx, ada.ID, true))
	u, err := db.UserByID(ctx, ada.ID)
	must(t, err)
	if u.SuspendedAt == nil {
		t.Fatal("suspended_at not set")
	}
	wantKind(t, second(db.AuthSession(ctx, "h1", time.Now())), mockroom.KindNotFound, "")
	must(t, db.SetSuspended(ctx, ada.ID, false))
	if u, _ := db.UserByID(ctx, ada.ID); u.SuspendedAt != nil {
		t.Fatal("still suspended after reinstating")
	}
	wantKind(t, db.SetSuspended(ctx, mockroom.NewID(), true), mockroom.KindNotFound, "")

	// A candidate's own request can do none of it.
	uctx := asUser(ada.ID)
	wantKind(t, third(db.SearchUsers(uctx, "", 10, 0)), mockroom.KindForbidden, "")
	wantKind(t, second(db.UserDetail(uctx, ada.ID)), mockroom.KindForbidden, "")
	wantKind(t, second(db.GrantCredits(uctx, ada.ID, ada.ID, 5, "x")), mockroom.KindForbidden, "")
	wantKind(t, db.SetSuspended(uctx, boss.ID, true), mockroom.KindForbidden, "")
	wantKind(t, db.SetAdmin(uctx, ada.ID, true), mockroom.KindForbidden, "")
	wantKind(t, second(db.Analytics(uctx, admin.Range{From: time.Now(), To: time.Now().Add(time.Hour)})), mockroom.KindForbidden, "")
}

// Analytics on seeded data: three sessions today (one completed and
// evaluated with every test passed, one abandoned, one active), model and
// voice costs, a purchase; and an empty range elsewhere.
func testAdminAnalytics(t *testing.T, db storage.DB) {
	f := newLive(t, db) // one active two-sum session of f.user
	today := time.Now().UTC().Truncate(24 * time.Hour)
	done := &interview.Session{UserID: f.other, ProblemID: f.problem}
	must(t, db.StartSession(asUser(f.other), done, "", 3, 1, ev(events.SessionStarted)))
	must(t, db.SetTestResults(ctx, done.ID, 12, 12))
	_, _, err := db.EndSession(ctx, done.ID, interview.StatusCompleted, time.Now(), nil, ev(events.SessionEnded))
	must(t, err)
	e := sampleEvaluation(done.ID)
	_, err = db.SaveEvaluation(ctx, e)
	must(t, err)
	gone := &interview.Session{UserID: f.other, ProblemID: f.problem}
	must(t, db.StartSession(asUser(f.other), gone, "", 3, 1, ev(events.SessionStarted)))
	must(t, db.SetTestResults(ctx, gone.ID, 3, 12))
	_, _, err = db.EndSession(ctx, gone.ID, interview.StatusAbandoned, time.Now(), nil, ev(events.SessionEnded))
	must(t, err)
	for _, c := range []int64{1000, 2000} {
		must(t, db.RecordModelCall(ctx, evaluation.ModelCall{SessionID: done.ID, Agent: "interviewer", Provider: "openai", Model: "m", CostMicroUSD: c, Outcome: "ok"}))
	}
	must(t, db.RecordVoiceUsage(ctx, voice.UsageRecord{SessionID: f.s.ID, UserID: f.user, Provider: "openai", Model: "m", CostMicroUSD: 6000, At: time.Now()}))
	_, err = db.AddCredits(ctx, f.user, 5, billing.TxPurchase, "pi_1", "pro pack")
	must(t, err)

	a, err := db.Analytics(ctx, admin.Range{From: today.AddDate(0, 0, -2), To: today.AddDate(0, 0, 1)})
	must(t, err)
	if len(a.Days) != 3 || a.Days[2].Date != today.Format(time.DateOnly) || a.From != today.AddDate(0, 0, -2).Format(time.DateOnly) ||
		a.To != today.Format(time.DateOnly) {
		t.Fatalf("days %+v from %s to %s", a.Days, a.From, a.To)
	}
	if a.Sessions != 3 || a.Completed != 1 || a.Abandoned != 1 || a.Days[2].Sessions != 3 || a.Days[0].Sessions != 0 {
		t.Fatalf("sessions %d completed %d abandoned %d days %+v", a.Sessions, a.Completed, a.Abandoned, a.Days)
	}
	if a.CompletionRate != 0.3333 || a.AbandonRate != 0.3333 {
		t.Fatalf("rates %v %v", a.CompletionRate, a.AbandonRate)
	}
	if a.CostMicro != 9000 || a.Days[2].CostMicro != 9000 || a.Days[2].ModelCalls != 2 || a.CostPerSession != 3000 {
		t.Fatalf("cost %d, per session %d, day %+v", a.CostMicro, a.CostPerSession, a.Days[2])
	}
	if a.Purchased != 5 || a.RevenueCents != 0 {
		t.Fatalf("purchased %d revenue %d", a.Purchased, a.RevenueCents)
	}
	want := math.Round(*e.OverallScore*100) / 100
	if a.Scores.Evaluations != 1 || a.Scores.Overall == nil || math.Abs(*a.Scores.Overall-want) > 0.011 || a.Scores.Communication != nil {
		t.Fatalf("scores %+v (want overall %v)", a.Scores, want)
	}
	if len(a.Problems) != 1 {
		t.Fatalf("problems %+v", a.Problems)
	}
	if p := a.Problems[0]; p.Slug != "two-sum" || p.Sessions != 3 || p.Judged != 2 || p.Passed != 1 || p.PassRate != 0.5 || p.AverageScore == nil {
		t.Fatalf("two-sum stats %+v", p)
	}

	past, err := db.Analytics(ctx, admin.Range{From: today.AddDate(0, 0, -30), To: today.AddDate(0, 0, -20)})
	must(t, err)
	if past.Sessions != 0 || len(past.Days) != 10 || past.CostMicro != 0 || len(past.Problems) != 0 || past.Scores.Overall != nil {
		t.Fatalf("an empty range %+v", past)
	}
	wantKind(t, second(db.Analytics(ctx, admin.Range{From: today, To: today})), mockroom.KindInvalid, "invalid_range")
}

// Authored problems round-trip their files and keep created_at.
func testAuthoredProblems(t *testing.T, db storage.DB) {
	boss := newUser(t, db, "boss@example.com")
	p := &admin.AuthoredProblem{Slug: "new-one", Files: map[string]string{"problem.json": "{}", "statement.md": "# Hi\n"},
		ContentHash: "h1", Status: admin.StatusDraft, UpdatedBy: boss.ID, Checks: json.RawMessage(`[{"ok":false}]`)}
	must(t, db.SaveAuthoredProblem(ctx, p))
	got, err := db.AuthoredProblem(ctx, "new-one")
	must(t, err)
	if got.Files["statement.md"] != "# Hi\n" || got.Status != admin.StatusDraft || got.UpdatedBy != boss.ID || got.PublishedAt != nil ||
		!jsonEqual(got.Checks, []byte(`[{"ok":false}]`)) || got.CreatedAt.IsZero() {
		t.Fatalf("authored %+v", got)
	}
	created := got.CreatedAt
	now := time.Now().UTC()
	p.Status, p.PublishedHash, p.PublishedAt, p.ContentHash = admin.StatusPublished, "h2", &now, "h2"
	p.Files["tests.json"] = "[]"
	p.PublishedFiles = map[string]string{"problem.json": "{}"}
	must(t, db.SaveAuthoredProblem(ctx, p))
	got, err = db.AuthoredProblem(ctx, "new-one")
	must(t, err)
	if len(got.Files) != 3 || got.Status != admin.StatusPublished || got.PublishedHash != "h2" || got.PublishedAt == nil || !got.CreatedAt.Equal(created) ||
		got.PublishedFiles["problem.json"] != "{}" || len(got.PublishedFiles) != 1 {
		t.Fatalf("after publishing %+v", got)
	}
	list, err := db.ListAuthoredProblems(ctx)
	must(t, err)
	if len(list) != 1 || list[0].Slug != "new-one" {
		t.Fatalf("list %+v", list)
	}
	wantKind(t, second(db.AuthoredProblem(ctx, "nope")), mockroom.KindNotFound, "")
	wantKind(t, second(db.AuthoredProblem(asUser(boss.ID), "new-one")), mockroom.KindForbidden, "")
}
