package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// TestPatchSession switches the language and then ends the interview through
// PATCH, the two things the route does; apptest checks both answers against
// the published schema.
func TestPatchSession(t *testing.T) {
	app := apptest.New(t, apptest.Options{Problems: true})
	c := app.Client()
	c.Signup("patch@example.com")
	id := c.Start("two-sum", "python")

	r := c.Do("PATCH", "/api/sessions/"+id, map[string]any{"language": "javascript"})
	if r.Status != http.StatusOK {
		t.Fatalf("language switch: %d %s", r.Status, r.Body)
	}
	var view struct {
		Language string `json:"language"`
		Session  struct {
			Language string `json:"language"`
			Status   string `json:"status"`
		} `json:"session"`
	}
	r.JSON(t, &view)
	if view.Language != "javascript" || view.Session.Language != "javascript" {
		t.Fatalf("language = %q / %q after the switch", view.Language, view.Session.Language)
	}
	if r := c.Do("PATCH", "/api/sessions/"+id, map[string]any{"status": "paused"}); r.Status != http.StatusBadRequest {
		t.Fatalf("status paused: %d %s, want 400", r.Status, r.Body)
	}
	r = c.Do("PATCH", "/api/sessions/"+id, map[string]any{"status": "completed"})
	if r.Status != http.StatusOK {
		t.Fatalf("status completed: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &view)
	if view.Session.Status != "completed" {
		t.Fatalf("status = %q, want completed", view.Session.Status)
	}
}

// TestMetricsRoute serves the Prometheus text format when metrics are on.
func TestMetricsRoute(t *testing.T) {
	reg := prometheus.NewRegistry()
	app := apptest.New(t, apptest.Options{Mutate: func(_ *httpapi.Config, d *httpapi.Deps) {
		d.Metrics = httpapi.NewMetrics(reg, reg)
	}})
	c := app.Client()
	c.Do("GET", "/healthz", nil)
	r := c.Do("GET", "/metrics", nil)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "mockroom_http_requests_total") {
		t.Fatalf("metrics: %d %.300s", r.Status, r.Body)
	}
}
