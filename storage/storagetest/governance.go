package storagetest

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/postgres"
	"github.com/mockroom/mockroom/storage/sqlcore"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/voice"
)

// rawExec runs a statement written with '?' placeholders straight on the
// engine's writer, for rows no store method writes yet (payments) and for
// tampering by hand.
func rawExec(t *testing.T, db storage.DB, q string, args ...any) {
	t.Helper()
	var w *sql.DB
	switch d := db.(type) {
	case *sqlite.DB:
		w = d.Writer
	case *postgres.DB:
		w, q = d.Writer, sqlcore.RebindDollar(q)
	default:
		t.Fatalf("rawExec: unknown engine %T", db)
	}
	if _, err := w.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// person is an account with something in every kind of table.
type person struct {
	user    *account.User
	session *interview.Session
}

func seedPerson(t *testing.T, db storage.DB, email string, problemID string) person {
	t.Helper()
	u := newUser(t, db, email)
	uctx := asUser(u.ID)
	s := &interview.Session{UserID: u.ID, ProblemID: problemID, Language: "go", DurationMinutes: 30}
	must(t, db.StartSession(uctx, s, "package main\n", 3, 1, ev(events.SessionStarted)))
	_, err := db.AddTranscript(uctx, &interview.Transcript{SessionID: s.ID, Speaker: "candidate",
		Content: "Hi, my name is someone, write me at " + email, TimestampMS: 1000}, 0, 100)
	must(t, err)
	must(t, db.AddSnapshot(uctx, &interview.Snapshot{SessionID: s.ID, Code: "// " + email, Language: "go", TimestampMS: 2000}, evp(events.CodeExecuted)))
	_, err = db.SaveEvaluation(ctx, sampleEvaluation(s.ID))
	must(t, err)
	must(t, db.RecordModelCall(ctx, evaluation.ModelCall{SessionID: s.ID, Agent: "interviewer", Provider: "openai", Model: "gpt-4o", InputTokens: 10, Outcome: "ok"}))
	must(t, db.RecordVoiceUsage(ctx, voice.UsageRecord{SessionID: s.ID, UserID: u.ID, Provider: "openai", Model: "gpt-realtime", Connected: time.Second, At: time.Now()}))
	must(t, db.CreateAuthSession(ctx, &account.AuthSession{TokenHash: "tok-" + u.ID, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour), IP: "203.0.113.9"}))
	must(t, db.LinkIdentity(ctx, &account.Identity{Provider: "github", Subject: "gh-" + u.ID, UserID: u.ID, Email: email}))
	must(t, db.CreateEmailToken(ctx, &account.EmailToken{ID: "tok-" + u.ID, VerifierHash: "v", Purpose: account.TokenVerify, UserID: u.ID, Email: email, ExpiresAt: time.Now().Add(time.Hour)}))
	must(t, db.CreateEmailToken(ctx, &account.EmailToken{ID: "inv-" + u.ID, VerifierHash: "v", Purpose: account.TokenInvite, Email: email, ExpiresAt: time.Now().Add(time.Hour)}))
	must(t, db.PublishEvent(ctx, events.Event{Topic: "user.note", UserID: u.ID, Payload: json.RawMessage(`{"email":"` + email + `"}`)}))
	rawExec(t, db, `INSERT INTO payments (id, user_id, stripe_payment_intent_id, stripe_customer_id, amount_cents, credits_purchased, status, metadata)
		VALUES (?, ?, ?, ?, 900, 5, 'succeeded', ?)`, mockroom.NewID(), u.ID, "pi_"+u.ID[:8], "cus_"+u.ID[:8], `{"email":"`+email+`"}`)
	// Stripe's side of them, written as the payments service writes it:
	// a customer, a Checkout, a subscription with a paid invoice, an event.
	_, err = db.LinkStripeCustomer(ctx, u.ID, "cus_s"+u.ID[:8])
	must(t, err)
	must(t, db.RecordSubscriptionCheckout(ctx, "cs_"+u.ID[:8], u.ID, "pro"))
	must(t, db.CreatePayment(ctx, &billing.Payment{UserID: u.ID, StripePaymentIntentID: "cs_p" + u.ID[:8], StripeCheckoutSessionID: "cs_p" + u.ID[:8],
		StripeCustomerID: "cus_s" + u.ID[:8], Package: "starter", AmountCents: 500, Currency: "usd", Credits: 5, Status: billing.PaymentPending}))
	_, err = db.ApplyStripeEvent(ctx, "evt_"+u.ID[:8], "invoice.paid", func(tx billing.PaymentTx) (string, error) {
		now := time.Now()
		if err := tx.SaveSubscription(&billing.Subscription{UserID: u.ID, StripeSubscriptionID: "sub_" + u.ID[:8], StripeCustomerID: "cus_s" + u.ID[:8],
			Tier: "pro", Status: billing.SubActive, CurrentPeriodStart: now, CurrentPeriodEnd: now.Add(30 * 24 * time.Hour), EventAt: now.Unix()}); err != nil {
			return "", err
		}
		if _, err := tx.RecordInvoice(billing.InvoiceGrant{InvoiceID: "in_" + u.ID[:8], UserID: u.ID, StripeSubscriptionID: "sub_" + u.ID[:8], Tier: "pro", Credits: 30, AmountCents: 1900}); err != nil {
			return "", err
		}
		_, err := tx.AddCredits(u.ID, 30, billing.TxPurchase, "in_"+u.ID[:8], "pro plan for "+email)
		return "granted", err
	})
	must(t, err)
	// Audit entries by them, about them, and naming them in metadata.
	must(t, db.AppendAudit(uctx, storage.AuditEntry{ActorUserID: u.ID, Action: "user.export", IP: "203.0.113.9"}))
	must(t, db.AppendAudit(ctx, storage.AuditEntry{Action: "admin.grant_credits", TargetType: "user", TargetID: u.ID,
		Metadata: json.RawMessage(`{"email":"` + email + `","amount":5}`)}))
	return person{user: u, session: s}
}

// testAuditChain: concurrent appends make one linear chain that verifies.
func testAuditChain(t *testing.T, db storage.DB) {
	v, err := db.VerifyAudit(ctx)
	must(t, err)
	if !v.OK || v.Entries != 0 {
		t.Fatalf("empty log: %+v", v)
	}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := db.AppendAudit(ctx, storage.AuditEntry{Action: "policy.change", Metadata: json.RawMessage(fmt.Sprintf(`{"b":%d, "a":"x"}`, i))}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	v, err = db.VerifyAudit(ctx)
	must(t, err)
	if !v.OK || v.Entries != 12 {
		t.Fatalf("after 12 concurrent appends: %+v", v)
	}
	log, err := db.AuditLog(ctx, 100)
	must(t, err)
	for i, e := range log {
		if e.Seq != int64(12-i) || e.Hash == "" || (e.Seq > 1 && e.PrevHash != log[i+1].Hash) {
			t.Fatalf("entry %d: seq %d prev %q hash %q", i, e.Seq, e.PrevHash, e.Hash)
		}
	}
	if _, err := db.VerifyAudit(asUser(mockroom.NewID())); !mockroom.IsKind(err, mockroom.KindForbidden) {
		t.Fatalf("a user verified the log: %v", err)
	}
}

// testDeleteUser: after a deletion no row of any table (listed from the
// catalog) holds the account's id or email; the other account is intact;
// payments survive anonymised; the audit chain still verifies and ends with
// the deletion's entry under a pseudonym.
func testDeleteUser(t *testing.T, db storage.DB) {
	seedLibrary(t, db)
	p, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	a := seedPerson(t, db, "leaver@example.com", p.ID)
	b := seedPerson(t, db, "stayer@example.com", p.ID)
	// The leaver was an admin: they granted the stayer credits and wrote
	// a problem in the console.
	_, err = db.GrantCredits(ctx, a.user.ID, b.user.ID, 2, "a goodwill grant")
	must(t, err)
	must(t, db.SaveAuthoredProblem(ctx, &admin.AuthoredProblem{Slug: "leavers-problem", Files: map[string]string{"problem.yaml": "title: x"},
		ContentHash: "h", Status: "draft", UpdatedBy: a.user.ID}))
	needles := []string{a.user.ID, a.user.Email}
	before, err := db.FindMentions(ctx, needles)
	must(t, err)
	if len(before) < 10 {
		t.Fatalf("the fixture mentions the account in only %d columns: %+v", len(before), before)
	}

	d, err := db.DeleteUser(ctx, a.user.ID, "user request")
	must(t, err)
	if d.Pseudonym == "" || strings.Contains(d.Pseudonym, a.user.ID) || d.Rows["payments_anonymised"] != 2 { // the fixture's two payments
		t.Fatalf("deletion = %+v", d)
	}
	after, err := db.FindMentions(ctx, needles)
	must(t, err)
	if len(after) != 0 {
		t.Fatalf("after deletion the account is still in %+v", after)
	}
	// Repeating it finds nothing to delete.
	if _, err := db.DeleteUser(ctx, a.user.ID, "again"); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("second deletion: %v", err)
	}

	// The other account keeps everything.
	if _, err := db.UserByID(ctx, b.user.ID); err != nil {
		t.Fatal(err)
	}
	if tr, _ := db.Transcripts(ctx, b.session.ID); len(tr) != 1 {
		t.Fatalf("the other account's transcripts: %d", len(tr))
	}
	if m, _ := db.FindMentions(ctx, []string{b.user.ID}); len(m) < 10 {
		t.Fatalf("the other account lost rows: %+v", m)
	}
	// The admin seat of a deleted first account is not handed to the next sign-up.
	if has, _ := db.HasFirstAccount(ctx); !has {
		t.Fatal("the admin seat was freed")
	}

	v, err := db.VerifyAudit(ctx)
	must(t, err)
	if !v.OK || v.Erased == 0 {
		t.Fatalf("after erasure: %+v", v)
	}
	log, err := db.AuditLog(ctx, 1)
	must(t, err)
	if log[0].Action != "user.delete" || log[0].TargetID != d.Pseudonym || log[0].ActorUserID != "" {
		t.Fatalf("last entry = %+v", log[0])
	}
}

// testExportUser: the export has every kind of the user's rows and nothing
// of anyone else's, no secrets, no hidden tests or solutions.
func testExportUser(t *testing.T, db storage.DB) {
	p := sampleProblem("secretive", "Secretive", "easy", nil, nil)
	tests := sampleTests(3)
	tests = append(tests, problem.TestCase{Input: json.RawMessage(`{"nums":[777001]}`), ExpectedOutput: json.RawMessage(`"HIDDEN-EXPECTED-777"`),
		IsHidden: true, Explanation: "HIDDEN-EXPLANATION", OrderIndex: 9})
	must(t, db.UpsertProblem(ctx, p, tests, &problem.Solution{Code: map[string]string{"go": "REFERENCE-SOLUTION-CODE"}, Explanation: "REFERENCE-EXPLANATION"}))
	a := seedPerson(t, db, "exporter@example.com", p.ID)
	b := seedPerson(t, db, "bystander@example.com", p.ID)
	data, err := db.ExportUser(ctx, a.user.ID)
	must(t, err)
	for _, table := range []string{"users", "profiles", "sessions", "transcripts", "code_snapshots", "evaluations",
		"credit_transactions", "voice_usage", "llm_calls", "payments", "auth_sessions", "oauth_identities", "session_live", "audit_log"} {
		if len(data.Tables[table]) == 0 {
			t.Errorf("export has no %s", table)
		}
	}
	if len(data.Tables["audit_log"]) != 2 {
		t.Errorf("audit entries about them: %d, want 2", len(data.Tables["audit_log"]))
	}
	body, err := json.Marshal(data.Tables)
	must(t, err)
	text := string(body)
	for _, bad := range []string{b.user.ID, b.user.Email, b.session.ID, "password_hash", "token_hash", "verifier_hash", "hash:",
		"777001", "HIDDEN-EXPECTED", "HIDDEN-EXPLANATION", "REFERENCE-SOLUTION", "REFERENCE-EXPLANATION"} {
		if strings.Contains(text, bad) {
			t.Errorf("export contains %q", bad)
		}
	}
	if _, err := db.ExportUser(ctx, mockroom.NewID()); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("export of nobody: %v", err)
	}
	if _, err := db.ExportUser(asUser(a.user.ID), b.user.ID); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("a user exported another's data: %v", err)
	}
	if _, err := db.DeleteUser(asUser(a.user.ID), b.user.ID, "x"); !mockroom.IsKind(err, mockroom.KindForbidden) {
		t.Fatalf("a user deleted another's account: %v", err)
	}
}

// testRetention: transcripts and finished events older than the cutoff go,
// newer ones and events still owed to a consumer stay; running it again, or
// twice at once, is harmless.
func testRetention(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	now := time.Now().UTC()
	for i, at := range []time.Time{now.Add(-100 * 24 * time.Hour), now.Add(-91 * 24 * time.Hour), now.Add(-time.Hour)} {
		_, err := db.AddTranscript(uctx, &interview.Transcript{SessionID: f.s.ID, Speaker: "candidate", Content: fmt.Sprint("line ", i),
			TimestampMS: int64(i), CreatedAt: at}, 0, 100)
		must(t, err)
	}
	cutoff := now.Add(-90 * 24 * time.Hour)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var total int64
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := db.PruneTranscripts(ctx, cutoff, 1)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	n, err := db.PruneTranscripts(ctx, cutoff, 0)
	must(t, err)
	if total+n != 2 {
		t.Fatalf("pruned %d transcripts, want 2", total+n)
	}
	if tr, _ := db.Transcripts(ctx, f.s.ID); len(tr) != 1 || tr[0].Content != "line 2" {
		t.Fatalf("left %+v", tr)
	}

	old := now.Add(-30 * 24 * time.Hour)
	must(t, db.PublishEvent(ctx, events.Event{Topic: "x.old", Key: "old-done", CreatedAt: old}))
	must(t, db.PublishEvent(ctx, events.Event{Topic: "x.owed", Key: "old-owed", CreatedAt: old}))
	must(t, db.PublishEvent(ctx, events.Event{Topic: "x.new", Key: "new"}))
	// A consumer still owes "x.owed": it has claimed it and not finished.
	owed, err := db.ClaimDeliveries(ctx, "g", []string{"x.owed"}, now, time.Minute, 10)
	must(t, err)
	if len(owed) != 1 {
		t.Fatalf("claimed %d", len(owed))
	}
	n, err = db.PruneEvents(ctx, now.Add(-7*24*time.Hour), 0)
	must(t, err)
	if n != 1 {
		t.Fatalf("pruned %d events, want 1", n)
	}
	// A fresh consumer group finds the new event and not the pruned one.
	left, err := db.ClaimDeliveries(ctx, "fresh", []string{"x.old", "x.new"}, now, time.Minute, 10)
	must(t, err)
	if len(left) != 1 || left[0].Event.Topic != "x.new" {
		t.Fatalf("after pruning a fresh group gets %+v", left)
	}
	if n, _ := db.PruneEvents(ctx, now.Add(-7*24*time.Hour), 0); n != 0 {
		t.Fatalf("second prune removed %d", n)
	}
}

// rawErr runs a statement like rawExec and returns its error.
func rawErr(db storage.DB, q string, args ...any) error {
	var w *sql.DB
	switch d := db.(type) {
	case *sqlite.DB:
		w = d.Writer
	case *postgres.DB:
		w, q = d.Writer, sqlcore.RebindDollar(q)
	}
	_, err := w.Exec(q, args...)
	return err
}

// AuditTamper checks the audit log's two walls on an engine: the database
// refuses to change or remove an entry (other than erasing a personal
// field), and once unguard has taken that wall down (as a superuser could),
// `audit verify` still finds each kind of tampering by hand, naming the
// first broken entry.
func AuditTamper(t *testing.T, open func(t *testing.T) storage.DB, unguard func(t *testing.T, db storage.DB)) {
	seed := func(t *testing.T) (storage.DB, []storage.AuditEntry) {
		db := open(t)
		u := newUser(t, db, "actor@example.com")
		for i := range 4 {
			must(t, db.AppendAudit(ctx, storage.AuditEntry{ActorUserID: u.ID, Action: "admin.grant_credits", TargetType: "user",
				TargetID: mockroom.NewID(), Metadata: json.RawMessage(fmt.Sprintf(`{"amount":%d}`, i+1)), IP: "198.51.100.7"}))
		}
		log, err := db.AuditLog(ctx, 10)
		must(t, err)
		if v, err := db.VerifyAudit(ctx); err != nil || !v.OK || v.Entries != 4 {
			t.Fatalf("before tampering: %+v, %v", v, err)
		}
		return db, log // newest first: log[3] is seq 1
	}

	t.Run("Guarded", func(t *testing.T) {
		db, log := seed(t)
		for _, q := range []string{
			`DELETE FROM audit_log WHERE seq = 2`,
			`UPDATE audit_log SET action = 'nothing' WHERE seq = 2`,
			`UPDATE audit_log SET metadata = '{"amount":1000}' WHERE seq = 2`,
			`UPDATE audit_log SET actor_user_id = '` + mockroom.NewID() + `' WHERE seq = 2`,
			`UPDATE audit_log SET hash = 'x' WHERE seq = 2`,
		} {
			if err := rawErr(db, q); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
		if _, ok := db.(*postgres.DB); ok {
			if err := rawErr(db, `TRUNCATE audit_log`); err == nil {
				t.Error("TRUNCATE allowed")
			}
		}
		// The one change allowed: erasing a personal field.
		must(t, rawErr(db, `UPDATE audit_log SET ip = NULL WHERE seq = 2`))
		if v, _ := db.VerifyAudit(ctx); !v.OK || v.Entries != 4 || v.Erased != 1 {
			t.Fatalf("after an erasure: %+v", v)
		}
		_ = log
	})

	for _, tc := range []struct {
		name    string
		tamper  func(db storage.DB, log []storage.AuditEntry) error
		wantSeq int64
	}{
		{"ChangedAction", func(db storage.DB, _ []storage.AuditEntry) error {
			return rawErr(db, `UPDATE audit_log SET action = 'user.export' WHERE seq = 2`)
		}, 2},
		{"ChangedMetadata", func(db storage.DB, _ []storage.AuditEntry) error {
			return rawErr(db, `UPDATE audit_log SET metadata = '{"amount":1000}' WHERE seq = 3`)
		}, 3},
		{"ChangedActor", func(db storage.DB, _ []storage.AuditEntry) error {
			return rawErr(db, `UPDATE audit_log SET actor_user_id = ? WHERE seq = 1`, mockroom.NewID())
		}, 1},
		{"DeletedEntry", func(db storage.DB, _ []storage.AuditEntry) error {
			return rawErr(db, `DELETE FROM audit_log WHERE seq = 2`)
		}, 3},
		{"RehashedEntry", func(db storage.DB, log []storage.AuditEntry) error {
			// Changing a field and its own hash still breaks the next link.
			return rawErr(db, `UPDATE audit_log SET action = 'x', hash = 'forged' WHERE seq = 2`)
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, log := seed(t)
			unguard(t, db)
			must(t, tc.tamper(db, log))
			v, err := db.VerifyAudit(ctx)
			must(t, err)
			if v.OK || v.BadSeq != tc.wantSeq || v.Problem == "" {
				t.Fatalf("verify after tampering = %+v, want entry %d reported", v, tc.wantSeq)
			}
		})
	}
}
