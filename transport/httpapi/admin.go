package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/admin/authoring"
	"github.com/mockroom/mockroom/problems"
)

// AuditFunc appends one entry to the audit log (storage's AppendAudit,
// wired by cmd so that this package needs no storage type).
type AuditFunc func(ctx context.Context, actorID, action, targetType, targetID string, metadata json.RawMessage, ip string) error

// isAdminRoute: every route under /api/admin/ is for admins only, checked
// here on the server whatever the web app shows, and audited.
func isAdminRoute(pattern string) bool { return strings.HasPrefix(pattern, "/api/admin/") }

// guardAdmin answers 403 unless the signed-in user is an admin (wrap has
// already refused anyone signed out), and records the attempt either way.
func (s *server) guardAdmin(w http.ResponseWriter, r *http.Request, rt route) bool {
	u := s.currentUser(r)
	if u == nil || !u.IsAdmin {
		s.audit(r, rt, "admin.denied", http.StatusForbidden)
		s.writeError(w, r, mockroom.Errorf(mockroom.KindForbidden, "admin_only", "this is for the server's admins"))
		return false
	}
	return true
}

// serveAdmin runs an admin route's handler and audits it with the status
// it answered: every read and every change by an admin is in the log.
func (s *server) serveAdmin(w http.ResponseWriter, r *http.Request, rt route, h http.HandlerFunc) {
	rec := &statusRecorder{ResponseWriter: w}
	note := auditNote{}
	r = r.WithContext(context.WithValue(r.Context(), auditNoteKey{}, note))
	h(rec, r)
	s.audit(r, rt, "admin."+strings.ToLower(rt.Method)+" "+strings.TrimPrefix(rt.Pattern, "/api/admin/"), rec.status)
}

// auditNote is what a handler adds to its request's audit entry (a grant's
// amount and reason, a publish's outcome).
type auditNote map[string]any

type auditNoteKey struct{}

func noteAudit(r *http.Request, key string, value any) {
	if n, ok := r.Context().Value(auditNoteKey{}).(auditNote); ok {
		n[key] = value
	}
}

func (s *server) audit(r *http.Request, rt route, action string, status int) {
	if s.Audit == nil {
		return
	}
	actor := ""
	if u := s.currentUser(r); u != nil {
		actor = u.ID
	}
	meta := map[string]any{}
	if n, ok := r.Context().Value(auditNoteKey{}).(auditNote); ok {
		for k, v := range n {
			meta[k] = v
		}
	}
	meta["method"], meta["path"], meta["status"] = r.Method, r.URL.Path, status
	if r.URL.RawQuery != "" {
		meta["query"] = r.URL.RawQuery
	}
	targetType, targetID := "", ""
	for _, p := range []string{"id", "slug"} {
		if v := r.PathValue(p); v != "" {
			targetType, targetID = map[string]string{"id": "user", "slug": "problem"}[p], v
		}
	}
	b, _ := json.Marshal(meta)
	// The service path: the entry names the admin, not the request's role.
	if err := s.Audit(mockroom.AsService(context.WithoutCancel(r.Context())), actor, action, targetType, targetID, b, s.clientIP(r)); err != nil {
		s.log.ErrorContext(r.Context(), "writing the audit log", "action", action, "err", err)
	}
}

// adminCtx is the service path, taken only after guardAdmin passed.
func adminCtx(r *http.Request) context.Context { return mockroom.AsService(r.Context()) }

func (s *server) needAdminStore() error {
	if s.AdminStore == nil {
		return mockroom.Errorf(mockroom.KindUnavailable, "admin_unavailable", "the admin console is not configured on this server")
	}
	return nil
}

type adminUserQuery struct {
	Q      string `query:"q" maxLength:"100"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Offset int    `query:"offset" minimum:"0"`
}

type adminUserList struct {
	Users []admin.UserSummary `json:"users"`
	Total int                 `json:"total"`
}

func intParam(r *http.Request, name string, def, min, max int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, mockroom.Errorf(mockroom.KindInvalid, "invalid_query", "%s must be an integer from %d to %d", name, min, max)
	}
	return n, nil
}

func (s *server) adminUsers(w http.ResponseWriter, r *http.Request) {
	if err := s.needAdminStore(); err != nil {
		s.writeError(w, r, err)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	limit, err := intParam(r, "limit", 50, 1, 200)
	if err == nil && len(q) > 100 {
		err = mockroom.Errorf(mockroom.KindInvalid, "invalid_query", "q must be at most 100 characters")
	}
	offset, err2 := intParam(r, "offset", 0, 0, 1<<30)
	if err == nil {
		err = err2
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	users, total, err := s.AdminStore.SearchUsers(adminCtx(r), q, limit, offset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, adminUserList{Users: users, Total: total})
}

func (s *server) adminUser(w http.ResponseWriter, r *http.Request) {
	if err := s.needAdminStore(); err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.AdminStore.UserDetail(adminCtx(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

type grantRequest struct {
	Amount int    `json:"amount" minimum:"1" maximum:"10000"`
	Reason string `json:"reason" minLength:"1" maxLength:"200"`
}

// maxAdminGrant bounds one grant, as `mockroom credits grant` does.
const maxAdminGrant = 10000

func (s *server) adminGrant(w http.ResponseWriter, r *http.Request) {
	if err := s.needAdminStore(); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in grantRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Amount < 1 || in.Amount > maxAdminGrant {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "invalid_amount", "amount must be a whole number from 1 to %d", maxAdminGrant))
		return
	}
	if in.Reason == "" || len(in.Reason) > 200 {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "invalid_reason", "say why, in 1 to 200 characters (it is kept in the ledger)"))
		return
	}
	noteAudit(r, "amount", in.Amount)
	noteAudit(r, "reason", in.Reason)
	row, err := s.AdminStore.GrantCredits(adminCtx(r), userID(r), r.PathValue("id"), in.Amount, in.Reason)
	if err == nil {
		noteAudit(r, "ledger_id", row.ID)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, row)
}

func (s *server) adminSuspend(w http.ResponseWriter, r *http.Request)   { s.setSuspended(w, r, true) }
func (s *server) adminUnsuspend(w http.ResponseWriter, r *http.Request) { s.setSuspended(w, r, false) }

func (s *server) setSuspended(w http.ResponseWriter, r *http.Request, suspended bool) {
	if err := s.needAdminStore(); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("id")
	if suspended && strings.EqualFold(id, userID(r)) {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "cannot_suspend_self", "you cannot suspend your own account"))
		return
	}
	ctx := adminCtx(r)
	if err := s.AdminStore.SetSuspended(ctx, id, suspended); err != nil {
		s.writeError(w, r, err)
		return
	}
	if suspended {
		// Their sessions are gone; their open interview sockets go too.
		s.closeUserSockets(strings.ToLower(id))
	}
	d, err := s.AdminStore.UserDetail(ctx, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

type analyticsQuery struct {
	From string `query:"from" description:"first day, YYYY-MM-DD (UTC); default 29 days before to"`
	To   string `query:"to" description:"last day, YYYY-MM-DD (UTC), inclusive; default today"`
}

// maxAnalyticsDays bounds a range, so one request cannot scan years.
const maxAnalyticsDays = 366

func (s *server) adminAnalytics(w http.ResponseWriter, r *http.Request) {
	if err := s.needAdminStore(); err != nil {
		s.writeError(w, r, err)
		return
	}
	rg, err := parseRange(r.URL.Query().Get("from"), r.URL.Query().Get("to"), s.Clock.Now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a, err := s.AdminStore.Analytics(adminCtx(r), rg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// parseRange reads from and to (inclusive days) into [from, to+1 day).
func parseRange(from, to string, now time.Time) (admin.Range, error) {
	bad := func(f string, a ...any) (admin.Range, error) {
		return admin.Range{}, mockroom.Errorf(mockroom.KindInvalid, "invalid_range", f, a...)
	}
	end := now.UTC().Truncate(24 * time.Hour)
	if to != "" {
		t, err := time.Parse(time.DateOnly, to)
		if err != nil {
			return bad("to must be a date like 2026-01-31")
		}
		end = t
	}
	start := end.AddDate(0, 0, -29)
	if from != "" {
		t, err := time.Parse(time.DateOnly, from)
		if err != nil {
			return bad("from must be a date like 2026-01-01")
		}
		start = t
	}
	if start.After(end) {
		return bad("from (%s) is after to (%s)", start.Format(time.DateOnly), end.Format(time.DateOnly))
	}
	if end.Sub(start) >= maxAnalyticsDays*24*time.Hour {
		return bad("a range is at most %d days", maxAnalyticsDays)
	}
	return admin.Range{From: start, To: end.AddDate(0, 0, 1)}, nil
}

func (s *server) needAuthoring() error {
	if s.Authoring == nil {
		return mockroom.Errorf(mockroom.KindUnavailable, "authoring_unavailable", "problem authoring is not configured on this server")
	}
	return nil
}

type adminProblemList struct {
	Problems []authoring.ProblemRow `json:"problems"`
}

func (s *server) adminProblems(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	rows, err := s.Authoring.List(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, adminProblemList{Problems: rows})
}

func (s *server) adminProblem(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.Authoring.Get(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type problemSave struct {
	Source  problems.Source `json:"source"`
	Publish bool            `json:"publish" description:"run the whole verification and, if every check passes, publish; otherwise only the draft is saved"`
}

// problemBodyLimit: a problem's tests alone may be 300 KB, and it carries
// code in six languages.
const problemBodyLimit = 4 << 20

func (s *server) adminCreateProblem(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in problemSave
	if err := decode(w, r, &in, problemBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, err := s.Authoring.Get(r.Context(), in.Source.Slug); err == nil {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindConflict, "problem_exists", "a problem %q exists already; edit it instead", in.Source.Slug))
		return
	}
	noteAudit(r, "publish", in.Publish)
	v, err := s.Authoring.Save(r.Context(), userID(r), in.Source, in.Publish)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteAudit(r, "content_hash", v.ContentHash)
	writeJSON(w, http.StatusCreated, v)
}

func (s *server) adminUpdateProblem(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in problemSave
	if err := decode(w, r, &in, problemBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	slug := r.PathValue("slug")
	if in.Source.Slug == "" {
		in.Source.Slug = slug
	}
	if in.Source.Slug != slug {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "slug_mismatch", "the body's slug %q is not the path's %q; a slug cannot change", in.Source.Slug, slug))
		return
	}
	if _, err := s.Authoring.Get(r.Context(), slug); err != nil {
		s.writeError(w, r, err)
		return
	}
	noteAudit(r, "publish", in.Publish)
	v, err := s.Authoring.Save(r.Context(), userID(r), in.Source, in.Publish)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type testCasesRequest struct {
	Slug    string                `json:"slug"`
	Tests   []problems.SourceTest `json:"tests" minItems:"1"`
	Publish bool                  `json:"publish"`
}

// adminAddTests appends tests (hidden unless example) to a problem and
// saves it as Save does.
func (s *server) adminAddTests(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in testCasesRequest
	if err := decode(w, r, &in, problemBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(in.Tests) == 0 {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "invalid_tests", "send at least one test"))
		return
	}
	v, err := s.Authoring.Get(r.Context(), in.Slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	src := v.Source
	src.Tests = append(src.Tests, in.Tests...)
	noteAudit(r, "publish", in.Publish)
	v, err = s.Authoring.Save(r.Context(), userID(r), src, in.Publish)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteAudit(r, "content_hash", v.ContentHash)
	writeJSON(w, http.StatusCreated, v)
}

func (s *server) adminPublishProblem(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	slug := r.PathValue("slug")
	files, _, err := s.Authoring.Export(r.Context(), slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteAudit(r, "publish", true)
	v, err := s.Authoring.Import(r.Context(), userID(r), slug, files, true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type problemFiles struct {
	Slug        string            `json:"slug"`
	Files       map[string]string `json:"files" description:"path inside problems/SLUG/ → content, the library's format (problems/README.md)"`
	ContentHash string            `json:"content_hash,omitempty"`
}

func (s *server) adminExportProblem(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	slug := r.PathValue("slug")
	files, hash, err := s.Authoring.Export(r.Context(), slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, problemFiles{Slug: slug, Files: files, ContentHash: hash})
}

type problemImport struct {
	Slug    string            `json:"slug"`
	Files   map[string]string `json:"files"`
	Publish bool              `json:"publish"`
}

func (s *server) adminImportProblem(w http.ResponseWriter, r *http.Request) {
	if err := s.needAuthoring(); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in problemImport
	if err := decode(w, r, &in, problemBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	noteAudit(r, "publish", in.Publish)
	noteAudit(r, "slug", in.Slug)
	v, err := s.Authoring.Import(r.Context(), userID(r), in.Slug, in.Files, in.Publish)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}
