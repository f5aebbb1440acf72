package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/admin/authoring"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// adminOps lists the admin operations of the route table, read from the
// OpenAPI document generated from it, with their path parameters filled.
func adminOps(t *testing.T, userID string) [][2]string {
	t.Helper()
	raw, err := httpapi.Contract()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var ops [][2]string
	for p, methods := range doc.Paths {
		if !strings.HasPrefix(p, "/api/admin/") {
			continue
		}
		for m := range methods {
			path := strings.NewReplacer("{id}", userID, "{slug}", "two-sum").Replace(p)
			ops = append(ops, [2]string{strings.ToUpper(m), path})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i][1]+ops[i][0] < ops[j][1]+ops[j][0] })
	if len(ops) < 12 {
		t.Fatalf("only %d admin operations: %v", len(ops), ops)
	}
	return ops
}

// Every admin route answers 401 signed out and 403 to a candidate, checked
// by the server, and each refused attempt of a signed-in user is audited.
func TestAdminRoutesAreForAdminsOnly(t *testing.T) {
	e := newEnv(t)
	boss := e.client()
	bossID := boss.Signup("boss@example.com") // the first account is the admin
	ada := e.client()
	adaID := ada.Signup("ada@example.com")
	anon := e.client()
	ops := adminOps(t, bossID)
	for _, op := range ops {
		t.Run(op[0]+" "+op[1], func(t *testing.T) {
			body := any(nil)
			if op[0] != "GET" {
				body = map[string]any{}
			}
			if r := anon.Do(op[0], op[1], body); r.Status != http.StatusUnauthorized || r.ErrCode(t) != "unauthenticated" {
				t.Fatalf("signed out: %d %s", r.Status, r.Body)
			}
			if r := ada.Do(op[0], op[1], body); r.Status != http.StatusForbidden || r.ErrCode(t) != "admin_only" {
				t.Fatalf("a candidate: %d %s", r.Status, r.Body)
			}
		})
	}
	if r := boss.Do("GET", "/api/admin/users", nil); r.Status != 200 {
		t.Fatalf("the admin: %d %s", r.Status, r.Body)
	}
	log, err := e.db.AuditLog(mockroom.AsService(context.Background()), 1000)
	if err != nil {
		t.Fatal(err)
	}
	denied, read := 0, false
	for _, a := range log {
		if a.Action == "admin.denied" && a.ActorUserID == adaID {
			denied++
		}
		if a.Action == "admin.get users" && a.ActorUserID == bossID && strings.Contains(string(a.Metadata), `"status":200`) {
			read = true
		}
	}
	if denied != len(ops) || !read {
		t.Fatalf("audit: %d denied entries for %d operations, admin read logged %v", denied, len(ops), read)
	}
}

func TestAdminUsersGrantAndSuspend(t *testing.T) {
	e := newEnv(t)
	boss := e.client()
	bossID := boss.Signup("boss@example.com")
	ada := e.client()
	adaID := ada.Signup("ada@example.com")

	var list struct {
		Users []admin.UserSummary `json:"users"`
		Total int                 `json:"total"`
	}
	boss.Do("GET", "/api/admin/users?q=ADA@", nil).JSON(t, &list)
	if list.Total != 1 || list.Users[0].ID != adaID || list.Users[0].Credits != billing.SignupCredits {
		t.Fatalf("search: %+v", list)
	}
	if r := boss.Do("GET", "/api/admin/users?limit=0", nil); r.Status != 400 {
		t.Fatalf("a bad limit: %d", r.Status)
	}

	r := boss.Do("POST", "/api/admin/users/"+adaID+"/credits", map[string]any{"amount": 5, "reason": "beta tester"})
	if r.Status != http.StatusCreated {
		t.Fatalf("grant: %d %s", r.Status, r.Body)
	}
	var row admin.LedgerRow
	r.JSON(t, &row)
	if row.ActorUserID != bossID || row.Amount != 5 || row.Type != billing.TxBonus || row.BalanceAfter != billing.SignupCredits+5 {
		t.Fatalf("ledger row %+v", row)
	}
	for _, bad := range []map[string]any{{"amount": 0, "reason": "x"}, {"amount": 10001, "reason": "x"}, {"amount": 1, "reason": " "}} {
		if r := boss.Do("POST", "/api/admin/users/"+adaID+"/credits", bad); r.Status != 400 {
			t.Fatalf("grant %v: %d %s", bad, r.Status, r.Body)
		}
	}
	entries, err := e.db.AuditLog(mockroom.AsService(context.Background()), 10)
	if err != nil {
		t.Fatal(err)
	}
	var grantMeta map[string]any
	for _, a := range entries {
		if a.Action == "admin.post users/{id}/credits" && a.TargetID == adaID && a.ActorUserID == bossID && strings.Contains(string(a.Metadata), `"status":201`) {
			json.Unmarshal(a.Metadata, &grantMeta)
		}
	}
	if grantMeta["amount"] != float64(5) || grantMeta["reason"] != "beta tester" || grantMeta["ledger_id"] != row.ID {
		t.Fatalf("the grant's audit entry: %v", grantMeta)
	}
	var credits struct {
		Balance int `json:"balance"`
	}
	ada.Do("GET", "/api/users/credits", nil).JSON(t, &credits)
	if credits.Balance != billing.SignupCredits+5 {
		t.Fatalf("ada's balance %d", credits.Balance)
	}
	var detail admin.UserDetail
	boss.Do("GET", "/api/admin/users/"+adaID, nil).JSON(t, &detail)
	if len(detail.Ledger) != 2 || detail.Ledger[0].ActorUserID != bossID || detail.Ledger[0].Description != "beta tester" {
		t.Fatalf("detail ledger %+v", detail.Ledger)
	}

	// Suspended: the open session stops working and signing in is refused.
	if r := boss.Do("POST", "/api/admin/users/"+bossID+"/suspend", nil); r.Status != 400 || r.ErrCode(t) != "cannot_suspend_self" {
		t.Fatalf("suspending oneself: %d %s", r.Status, r.Body)
	}
	if r := boss.Do("POST", "/api/admin/users/"+adaID+"/suspend", nil); r.Status != 200 {
		t.Fatalf("suspend: %d %s", r.Status, r.Body)
	}
	if r := ada.Do("GET", "/api/users/profile", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("a suspended user's session still works: %d", r.Status)
	}
	signin := func() apptest.Reply {
		return e.client().Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": "correct horse"})
	}
	if r := signin(); r.Status != http.StatusForbidden || r.ErrCode(t) != "account_suspended" {
		t.Fatalf("a suspended user signs in: %d %s", r.Status, r.Body)
	}
	if r := e.client().Do("POST", "/api/auth/signin", map[string]string{"email": "ada@example.com", "password": "wrong pass"}); r.Status != 401 {
		t.Fatalf("a wrong password must not reveal the suspension: %d %s", r.Status, r.Body)
	}
	boss.Do("GET", "/api/admin/users/"+adaID, nil).JSON(t, &detail)
	if detail.User.SuspendedAt == nil {
		t.Fatal("suspended_at not shown")
	}
	if r := boss.Do("POST", "/api/admin/users/"+adaID+"/unsuspend", nil); r.Status != 200 {
		t.Fatalf("unsuspend: %d %s", r.Status, r.Body)
	}
	if r := signin(); r.Status != 200 {
		t.Fatalf("signin after the suspension was lifted: %d %s", r.Status, r.Body)
	}
	if r := boss.Do("GET", "/api/admin/users/"+mockroom.NewID(), nil); r.Status != 404 {
		t.Fatalf("an unknown user: %d", r.Status)
	}
}

func TestAdminAnalyticsRange(t *testing.T) {
	e := newEnv(t)
	boss := e.client()
	boss.Signup("boss@example.com")
	var a admin.Analytics
	r := boss.Do("GET", "/api/admin/analytics?from=2026-01-01&to=2026-01-31", nil)
	r.JSON(t, &a)
	if r.Status != 200 || len(a.Days) != 31 || a.From != "2026-01-01" || a.To != "2026-01-31" || a.Days[30].Date != "2026-01-31" {
		t.Fatalf("analytics: %d %s", r.Status, r.Body)
	}
	boss.Do("GET", "/api/admin/analytics", nil).JSON(t, &a)
	if len(a.Days) != 30 || a.To != time.Now().UTC().Format(time.DateOnly) {
		t.Fatalf("default range: %s to %s, %d days", a.From, a.To, len(a.Days))
	}
	for _, q := range []string{"from=2026-02-01&to=2026-01-01", "from=yesterday", "from=2020-01-01&to=2026-01-01"} {
		if r := boss.Do("GET", "/api/admin/analytics?"+q, nil); r.Status != 400 || r.ErrCode(t) != "invalid_range" {
			t.Fatalf("%s: %d %s", q, r.Status, r.Body)
		}
	}
}

// Authoring: a problem whose reference fails its tests is not published
// (and the error says which check failed); fixed, it publishes and
// candidates get it. Export and import are the problems/ folder format,
// and edits that differ from the repo's folder are marked.
func TestAdminProblemAuthoring(t *testing.T) {
	e := newEnv(t)
	boss := e.client()
	boss.Signup("boss@example.com")

	var ex struct {
		Slug        string            `json:"slug"`
		Files       map[string]string `json:"files"`
		ContentHash string            `json:"content_hash"`
	}
	boss.Do("GET", "/api/admin/problems/sqrt-x/export", nil).JSON(t, &ex)
	if ex.Files["solutions/solution.py"] == "" || ex.Files["wrong/rounds-up/solution.py"] == "" || ex.ContentHash == "" {
		t.Fatalf("export: %d files", len(ex.Files))
	}
	var list struct {
		Problems []authoring.ProblemRow `json:"problems"`
	}
	boss.Do("GET", "/api/admin/problems", nil).JSON(t, &list)
	row := find(list.Problems, "sqrt-x")
	if row == nil || !row.InLibrary || row.LibraryHash != ex.ContentHash || row.DiffersFromLibrary || row.Origin != authoring.OriginLibrary {
		t.Fatalf("sqrt-x in the list: %+v", row)
	}

	// Imported under a new slug, as a draft: candidates do not see it.
	r := boss.Do("POST", "/api/admin/problems/import", map[string]any{"slug": "my-sqrt", "files": ex.Files})
	if r.Status != 200 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	var v authoring.ProblemView
	r.JSON(t, &v)
	if v.Status != admin.StatusDraft || v.Origin != authoring.OriginConsole || len(v.Source.Hints) == 0 || v.StarterCode["python"] == "" {
		t.Fatalf("imported view %+v", v.ProblemRow)
	}
	hidden := 0
	for _, tc := range v.Source.Tests {
		if !tc.Example {
			hidden++
		}
	}
	if hidden < 12 || v.Source.Solutions["python"] == "" {
		t.Fatalf("the editor lacks hidden tests (%d) or solutions", hidden)
	}
	if r := e.client().Do("GET", "/api/problems/my-sqrt", nil); r.Status != 404 {
		t.Fatalf("a draft is visible to candidates: %d", r.Status)
	}

	// A reference that fails its tests cannot be published.
	broken := v.Source
	broken.Solutions = map[string]string{}
	for k, c := range v.Source.Solutions {
		broken.Solutions[k] = c
	}
	broken.Solutions["python"] = "class Solution:\n    def mySqrt(self, x: int) -> int:\n        return x // 2\n"
	r = boss.Do("PATCH", "/api/admin/problems/my-sqrt", map[string]any{"source": broken, "publish": true})
	if r.Status != http.StatusBadRequest || r.ErrCode(t) != authoring.ErrVerification || !strings.Contains(string(r.Body), "solution in python") {
		t.Fatalf("publishing a failing reference: %d %s", r.Status, r.Body)
	}
	if r := e.client().Do("GET", "/api/problems/my-sqrt", nil); r.Status != 404 {
		t.Fatalf("a failing problem was published: %d", r.Status)
	}
	boss.Do("GET", "/api/admin/problems/my-sqrt", nil).JSON(t, &v)
	if v.Status != admin.StatusDraft || !failed(v.Checks, "python", "solution") {
		t.Fatalf("the draft's checks do not show the failure: %+v", v.Checks)
	}
	// A broken draft (too few tests) saves, with the loader's message.
	thin := v.Source
	thin.Tests = thin.Tests[:3]
	r = boss.Do("PATCH", "/api/admin/problems/my-sqrt", map[string]any{"source": thin})
	r.JSON(t, &v)
	if r.Status != 200 || len(v.Checks) != 1 || v.Checks[0].OK || !strings.Contains(v.Checks[0].Detail, "hidden tests") {
		t.Fatalf("a thin draft: %d %+v", r.Status, v.Checks)
	}

	// The library's version publishes.
	src, err := problems.ParseFiles("my-sqrt", ex.Files)
	if err != nil {
		t.Fatal(err)
	}
	r = boss.Do("PATCH", "/api/admin/problems/my-sqrt", map[string]any{"source": src, "publish": true})
	if r.Status != 200 {
		t.Fatalf("publish: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &v)
	if v.Status != admin.StatusPublished || v.Unpublished || v.PublishedHash != ex.ContentHash {
		t.Fatalf("published view %+v", v.ProblemRow)
	}
	if r := e.client().Do("GET", "/api/problems/my-sqrt", nil); r.Status != 200 || strings.Contains(string(r.Body), "46340") {
		t.Fatalf("candidates: %d (the reference must not leak)", r.Status)
	}
	if r := boss.Do("POST", "/api/admin/problems/my-sqrt/publish", nil); r.Status != 200 {
		t.Fatalf("publish again: %d %s", r.Status, r.Body)
	}

	// Create: a taken slug is refused; tests can be added to a draft.
	if r := boss.Do("POST", "/api/admin/problems", map[string]any{"source": src}); r.Status != 409 {
		t.Fatalf("creating a taken slug: %d %s", r.Status, r.Body)
	}
	other := *src
	other.Slug, other.Title = "my-sqrt-two", "Square Root Two"
	if r := boss.Do("POST", "/api/admin/problems", map[string]any{"source": other}); r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	r = boss.Do("POST", "/api/admin/test-cases", map[string]any{"slug": "my-sqrt-two",
		"tests": []map[string]any{{"name": "ten", "input": map[string]int{"x": 10}, "output": 3}}})
	r.JSON(t, &v)
	if r.Status != 201 || len(v.Source.Tests) != len(src.Tests)+1 || v.Source.Tests[len(src.Tests)].Name != "ten" {
		t.Fatalf("add tests: %d %s", r.Status, r.Body)
	}

	// A library problem edited in the console is marked as differing from
	// the repo until its files are the same again.
	lib := *src
	lib.Slug = "sqrt-x"
	lib.Statement += "\nOne more line.\n"
	boss.Do("PATCH", "/api/admin/problems/sqrt-x", map[string]any{"source": lib})
	boss.Do("GET", "/api/admin/problems", nil).JSON(t, &list)
	if row := find(list.Problems, "sqrt-x"); row == nil || !row.DiffersFromLibrary || row.Origin != authoring.OriginConsole {
		t.Fatalf("an edited library problem: %+v", row)
	}
	boss.Do("POST", "/api/admin/problems/import", map[string]any{"slug": "sqrt-x", "files": ex.Files})
	boss.Do("GET", "/api/admin/problems", nil).JSON(t, &list)
	if row := find(list.Problems, "sqrt-x"); row == nil || row.DiffersFromLibrary {
		t.Fatalf("re-imported from the repo: %+v", row)
	}
	if row := find(list.Problems, "my-sqrt"); row == nil || row.InLibrary || row.Status != admin.StatusPublished {
		t.Fatalf("my-sqrt in the list: %+v", row)
	}
}

func find(rows []authoring.ProblemRow, slug string) *authoring.ProblemRow {
	for i := range rows {
		if rows[i].Slug == slug {
			return &rows[i]
		}
	}
	return nil
}

func failed(checks []authoring.CheckResult, lang, what string) bool {
	for _, c := range checks {
		if c.Language == lang && c.What == what && !c.OK {
			return true
		}
	}
	return false
}
