package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/apptest"
)

// idRoutes is every route that takes a session id.
var idRoutes = []struct{ method, suffix string }{
	{"GET", ""}, {"HEAD", ""}, {"PATCH", ""}, {"POST", "/end"}, {"POST", "/code"}, {"POST", "/hint"}, {"POST", "/chat"},
	{"GET", "/transcript"}, {"GET", "/snapshots"}, {"GET", "/solution"}, {"POST", "/execute"},
}

func bodyFor(method, suffix string) any {
	switch {
	case method == "PATCH":
		return map[string]string{"status": "completed"}
	case suffix == "/code", suffix == "/execute":
		return map[string]string{"code": "stolen", "mode": "submit"}
	case suffix == "/chat":
		return map[string]string{"text": "hello"}
	}
	return nil
}

func TestNoRouteReachesAnotherUsersSession(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		owner, other := app.Client(), app.Client()
		owner.Signup("owner@example.com")
		other.Signup("other@example.com")
		id := owner.Start("two-sum", "python")
		owner.Do("POST", "/api/sessions/"+id+"/code", map[string]string{"code": "# owner's secret code"})
		owner.Do("POST", "/api/sessions/"+id+"/chat", map[string]string{"text": "owner's secret words"})

		ids := []string{id, strings.ToUpper(id), " " + id, id + " ", url.PathEscape(id + "/"), "' OR '1'='1", "1 OR 1=1; --",
			"%27%20OR%201%3D1--", strings.Repeat("a", 10000), "00000000-0000-0000-0000-000000000000", "..", "%2e%2e",
			"..%2Fusers%2Fprofile", id + "%2F..%2F..%2Fusers%2Fprofile", "%00", "null", "-1"}
		for _, sid := range ids {
			for _, rt := range idRoutes {
				path := "/api/sessions/" + strings.ReplaceAll(sid, " ", "%20") + rt.suffix
				r := other.Do(rt.method, path, bodyFor(rt.method, rt.suffix))
				// A path that is not clean is redirected by the router to
				// its clean form on this site (then answered as itself).
				redirect := r.Status/100 == 3 && strings.HasPrefix(r.Header.Get("Location"), "/api/")
				if r.Status != 404 && r.Status != 400 && !redirect {
					t.Errorf("%s %.80s: %d %.300s", rt.method, path, r.Status, r.Body)
				}
				if rt.method != "HEAD" && !redirect {
					r.ErrCode(t)
				}
				for _, secret := range []string{"owner's secret", "owner@example.com"} {
					if strings.Contains(string(r.Body), secret) {
						t.Errorf("%s %.80s reveals %q", rt.method, path, secret)
					}
				}
			}
			if r := other.Do("POST", "/api/realtime/token", map[string]string{"session_id": sid}); r.Status != 404 && r.Status != 400 {
				t.Errorf("token for %.80q: %d %s", sid, r.Status, r.Body)
			}
		}
		// Path tricks resolve, at most, to the caller's own data.
		for _, p := range []string{"/api/sessions/../users/profile", "/api/sessions/%2e%2e/users/profile", "/api/sessions/" + id + "/../../users/profile"} {
			r := other.Do("GET", p, nil)
			if strings.Contains(string(r.Body), "owner") {
				t.Errorf("%s: %d %s", p, r.Status, r.Body)
			}
		}
		// OPTIONS and unknown methods on an id route: 405 with Allow, never the data.
		for _, m := range []string{"OPTIONS", "DELETE", "PUT", "TRACE"} {
			r := other.Do(m, "/api/sessions/"+id, nil)
			if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") == "" || strings.Contains(string(r.Body), "owner") {
				t.Errorf("%s: %d %v %s", m, r.Status, r.Header, r.Body)
			}
		}
		// The owner's session is untouched and the server is healthy.
		var view struct {
			Session struct{ Status string }
			Code    string
		}
		owner.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
		if view.Session.Status != "active" || view.Code != "# owner's secret code" {
			t.Fatalf("another user changed the session: %+v", view)
		}
		var snaps struct{ Snapshots []any }
		owner.Do("GET", "/api/sessions/"+id+"/snapshots", nil).JSON(t, &snaps)
		if len(snaps.Snapshots) != 0 {
			t.Fatalf("another user's execute stored %d snapshots", len(snaps.Snapshots))
		}
		if r := app.Client().Do("GET", "/readyz", nil); r.Status != 200 {
			t.Fatalf("readyz: %d", r.Status)
		}
	})
}

func TestHugeAndNestedBodiesAreRefusedCleanly(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("bodies@example.com")
	id := c.Start("two-sum", "python")
	huge := `{"code":"` + strings.Repeat("x", 1<<20) + `"}`
	nested := `{"text":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`
	deepObj := strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)
	for _, rt := range mutatingRoutes(id) {
		method, path := rt[0].(string), rt[1].(string)
		if path == "/api/auth/signout" || strings.HasSuffix(path, "/end") || strings.HasSuffix(path, "/hint") {
			continue // these take no body
		}
		r := c.Do(method, path, huge)
		if r.Status != http.StatusRequestEntityTooLarge || r.ErrCode(t) != "too_large" {
			t.Errorf("huge %s %s: %d %.200s", method, path, r.Status, r.Body)
		}
		for _, b := range []string{nested, deepObj} {
			r := c.Do(method, path, b)
			if r.Status != 400 && r.Status != 413 {
				t.Errorf("nested %s %s: %d %.200s", method, path, r.Status, r.Body)
			}
			r.ErrCode(t)
		}
	}
	// Routes that take no body ignore one, but never fail on it.
	for _, p := range []string{"/api/sessions/" + id + "/hint", "/api/auth/signout"} {
		if r := c.Do("POST", p, huge); r.Status >= 500 {
			t.Errorf("%s with a huge body: %d", p, r.Status)
		}
	}
	if r := c.Do("GET", "/healthz", nil); r.Status != 200 {
		t.Fatalf("healthz: %d", r.Status)
	}
}

func TestCreditsCannotBeGamed(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("credits@example.com")
	pid := app.ProblemID("two-sum")
	balance := func() int {
		var cr struct{ Balance int }
		c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
		return cr.Balance
	}
	// Ending early refunds nothing; ending twice or PATCHing back changes nothing.
	id := c.Start("two-sum", "python")
	c.Do("POST", "/api/sessions/"+id+"/end", nil)
	c.Do("POST", "/api/sessions/"+id+"/end", nil)
	for _, st := range []string{"active", "scheduled", "completed"} {
		c.Do("PATCH", "/api/sessions/"+id, map[string]string{"status": st})
	}
	var view struct{ Session struct{ Status string } }
	c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
	if b := balance(); b != 2 || view.Session.Status != "completed" {
		t.Fatalf("after end: balance %d, status %s", b, view.Session.Status)
	}
	// Racing starts with 2 credits left: exactly 2 succeed.
	codes := raceStarts(c, pid, 8)
	if codes[201] != 2 || codes[402] != 6 || balance() != 0 {
		t.Fatalf("racing starts: %v, balance %d", codes, balance())
	}
	// With no credits, no way in: not with a client-chosen duration, status or credits field.
	for _, body := range []any{
		map[string]any{"problem_id": pid, "language": "python", "duration_minutes": 30},
		map[string]any{"problem_id": pid, "language": "python", "duration_minutes": 30, "credits_consumed": 0},
		map[string]any{"problem_id": pid, "language": "python", "duration_minutes": 0},
		map[string]any{"problem_id": pid, "language": "python", "duration_minutes": -30},
	} {
		if r := c.Do("POST", "/api/sessions/start", body); r.Status < 400 || r.Status >= 500 {
			t.Errorf("start without credits %v: %d %s", body, r.Status, r.Body)
		}
	}
	if b := balance(); b != 0 {
		t.Fatalf("balance %d", b)
	}
}
