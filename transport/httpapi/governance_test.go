package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/transport/realtime"
)

// The data export is a zip of the caller's own data, with no secret of the
// problem library and nothing of another user's.
func TestDataExport(t *testing.T) {
	e := newEnv(t)
	e.seedProblem("gov-export", "easy")
	c := e.client()
	c.Signup("exporter@example.com")
	id := c.Start("gov-export", "python")
	if r := c.Do("POST", "/api/sessions/"+id+"/chat", map[string]string{"text": "I would sort the array first."}); r.Status != http.StatusOK {
		t.Fatalf("chat: %d %s", r.Status, r.Body)
	}
	other := e.client()
	other.Signup("bystander@example.com")
	otherID := other.Start("gov-export", "python")

	r := c.Do("POST", "/api/users/data-export", nil)
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/zip" ||
		!strings.Contains(r.Header.Get("Content-Disposition"), "attachment; filename=\"mockroom-data-") {
		t.Fatalf("export: %d %v %s", r.Status, r.Header, r.Body)
	}
	z, err := zip.NewReader(bytes.NewReader(r.Body), int64(len(r.Body)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		all.Write(b)
	}
	for _, want := range []string{"data/transcripts.json", "data/sessions.json", "data/profiles.json", "data/audit_log.json"} {
		if !names[want] {
			t.Errorf("no %s in %v", want, names)
		}
	}
	text := all.String()
	if !strings.Contains(text, "I would sort the array first.") || !strings.Contains(text, "exporter@example.com") {
		t.Error("the export lacks the user's own conversation or address")
	}
	for _, bad := range []string{"bystander@example.com", otherID, "HIDDEN-INPUT", "HIDDEN-OUTPUT", "REFERENCE-SOLUTION", "SECRET-HINT-2"} {
		if strings.Contains(text, bad) {
			t.Errorf("the export contains %q", bad)
		}
	}
	if r := e.client().Do("POST", "/api/users/data-export", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("signed-out export: %d", r.Status)
	}
}

// Deleting the account asks for the password, then removes everything of
// the user's, signs them out and closes their sockets; the other user is
// untouched.
func TestDeleteAccount(t *testing.T) {
	e := newEnv(t)
	e.seedProblem("two-sum", "easy")
	c := e.client()
	uid := c.Signup("leaver@example.com")
	id := c.Start("two-sum", "python")
	other := e.client()
	other.Signup("stayer@example.com")
	otherID := other.Start("two-sum", "python")

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ws, err := e.app.Dial(ctx, "", realtime.Subprotocol, c.Token(id))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	waitFor(t, func() bool { return e.app.Hub.Connections() == 1 })

	for _, body := range []map[string]string{{}, {"password": "wrong horse"}, {"confirm_email": "leaver@example.com"}} {
		if r := c.Do("DELETE", "/api/users/data", body); r.Status != http.StatusBadRequest {
			t.Fatalf("delete with %v: %d %s", body, r.Status, r.Body)
		}
	}
	if r := c.Do("DELETE", "/api/users/data", map[string]string{"password": "correct horse"}); r.Status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	var rerr error
	for rerr == nil {
		_, _, rerr = ws.Read(ctx)
	}
	if websocket.CloseStatus(rerr) != realtime.CloseUnauthorized {
		t.Fatalf("socket after deletion: %v", rerr)
	}
	if r := c.Do("GET", "/api/auth/session", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("session after deletion: %d", r.Status)
	}
	if r := e.client().Do("POST", "/api/auth/signin", map[string]string{"email": "leaver@example.com", "password": "correct horse"}); r.Status == http.StatusOK {
		t.Fatal("signed in to a deleted account")
	}
	svc := mockroom.AsService(context.Background())
	m, err := e.db.FindMentions(svc, []string{uid, "leaver@example.com"})
	if err != nil || len(m) != 0 {
		t.Fatalf("left behind: %+v %v", m, err)
	}
	if s, err := e.db.SessionByID(svc, otherID); err != nil || s.ID != otherID {
		t.Fatalf("the other user's session: %v", err)
	}
	if v, _ := e.db.VerifyAudit(svc); !v.OK || v.Entries == 0 {
		t.Fatalf("audit chain: %+v", v)
	}
}

// A candidate's contact data and name never reach the stored transcript
// (nor, through it, the model).
func TestTranscriptRedacted(t *testing.T) {
	e := newEnv(t)
	e.seedProblem("gov-redact", "easy")
	c := e.client()
	c.Signup("ada@example.com") // profile name "Ada Lovelace"
	id := c.Start("gov-redact", "python")
	say := "Hi, I'm Ada Lovelace; if we get cut off mail ada.l@example.org or call +44 20 7946 0958. I'd check user.email first, then nums = [1, 2, 3]."
	if r := c.Do("POST", "/api/sessions/"+id+"/chat", map[string]string{"text": say}); r.Status != http.StatusOK {
		t.Fatalf("chat: %d %s", r.Status, r.Body)
	}
	r := c.Do("GET", "/api/sessions/"+id+"/transcript", nil)
	body := string(r.Body)
	for _, gone := range []string{"Ada", "Lovelace", "ada.l@example.org", "7946"} {
		if strings.Contains(body, gone) {
			t.Errorf("the transcript keeps %q: %s", gone, body)
		}
	}
	if !strings.Contains(body, "I'm [name]; if we get cut off mail [email] or call [phone]. I'd check user.email first, then nums = [1, 2, 3].") {
		t.Errorf("transcript: %s", body)
	}
}
