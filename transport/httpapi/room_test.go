package httpapi_test

import (
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/httpapi"
)

type roomView struct {
	Session  struct{ Language string }
	Code     string
	Language string
	Problem  struct {
		StarterCode map[string]string `json:"starter_code"`
	}
}

// PATCH with a language answers with the new view; the code of the
// language left comes back when the candidate returns to it.
func TestLanguageSwitchOverRESTKeepsEachLanguagesCode(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		c := app.Client()
		c.Signup("switch@example.com")
		id := c.Start("two-sum", "python")
		var v roomView
		for i, st := range []struct {
			body     map[string]any
			wantLang string
			wantCode func(v roomView) string
		}{
			{map[string]any{"language": "javascript", "code": twoSumPython}, "javascript", func(v roomView) string { return v.Problem.StarterCode["javascript"] }},
			{map[string]any{"language": "python", "code": "// half-done js\n"}, "python", func(roomView) string { return twoSumPython }},
			{map[string]any{"language": "javascript"}, "javascript", func(roomView) string { return "// half-done js\n" }},
		} {
			r := c.Do("PATCH", "/api/sessions/"+id, st.body)
			if r.Status != 200 {
				t.Fatalf("step %d: %d %s", i, r.Status, r.Body)
			}
			r.JSON(t, &v)
			if v.Session.Language != st.wantLang || v.Language != st.wantLang || v.Code != st.wantCode(v) {
				t.Fatalf("step %d: session %s, live %s %q", i, v.Session.Language, v.Language, v.Code)
			}
		}
		if r := c.Do("PATCH", "/api/sessions/"+id, map[string]any{"language": "cobol"}); r.Status != 400 || r.ErrCode(t) != "language_unavailable" {
			t.Fatalf("unknown language: %d %s", r.Status, r.Body)
		}
	})
}

// The conversation comes back numbered, the answer after the question.
func TestChatIsOrderedBySeq(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("order@example.com")
	id := c.Start("two-sum", "python")
	var tr struct {
		Transcript []struct {
			Seq     int64
			Speaker string
			Content string
		}
	}
	for _, q := range []string{"Can the input be empty?", "Are there duplicates?", "What about negatives?"} {
		c.Do("POST", "/api/sessions/"+id+"/chat", map[string]string{"text": q}).JSON(t, &tr)
	}
	if len(tr.Transcript) != 7 {
		t.Fatalf("%d lines, want the greeting and 3 questions with answers", len(tr.Transcript))
	}
	for i, l := range tr.Transcript {
		if l.Seq != int64(i+1) {
			t.Fatalf("line %d has seq %d", i, l.Seq)
		}
		want := interview.SpeakerInterviewer
		if i%2 == 1 {
			want = interview.SpeakerCandidate
		}
		if l.Speaker != want {
			t.Fatalf("line %d is the %s's (%q), want the %s's", i, l.Speaker, l.Content, want)
		}
	}
}

// The library's acceptance rate is computed from everyone's submits, and a
// signed-in candidate sees which problems they solved or attempted.
func TestLibraryAcceptanceAndProgress(t *testing.T) {
	app := library(t)
	type row struct {
		Slug           string
		AcceptanceRate *float64 `json:"acceptance_rate"`
		Submissions    int
		Progress       string
	}
	list := func(c *apptest.Client) map[string]row {
		var page struct{ Problems []row }
		c.Do("GET", "/api/problems?limit=100", nil).JSON(t, &page)
		out := map[string]row{}
		for _, p := range page.Problems {
			out[p.Slug] = p
		}
		return out
	}
	submit := func(c *apptest.Client, id, code string) {
		r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": code, "language": "python", "mode": "submit"})
		if r.Status != 200 {
			t.Fatalf("submit: %d %s", r.Status, r.Body)
		}
	}
	anon := app.Client()
	if got := list(anon)["two-sum"]; got.AcceptanceRate != nil || got.Submissions != 0 || got.Progress != "" {
		t.Fatalf("before any submit: %+v", got)
	}
	solver, trier := app.Client(), app.Client()
	solver.Signup("solver@example.com")
	trier.Signup("trier@example.com")
	submit(solver, solver.Start("two-sum", "python"), twoSumPython)
	submit(trier, trier.Start("two-sum", "python"), twoSumWrong)
	trier.Start("climbing-stairs", "python")

	for _, tc := range []struct {
		name string
		c    *apptest.Client
		want map[string]string // slug → progress
	}{
		{"anonymous", anon, map[string]string{"two-sum": "", "climbing-stairs": ""}},
		{"solver", solver, map[string]string{"two-sum": "solved", "climbing-stairs": ""}},
		{"trier", trier, map[string]string{"two-sum": "attempted", "climbing-stairs": "attempted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := list(tc.c)
			if ts := got["two-sum"]; ts.AcceptanceRate == nil || *ts.AcceptanceRate != 50 || ts.Submissions != 2 {
				t.Fatalf("two-sum: %+v, want 50%% of 2 submits", ts)
			}
			if cs := got["climbing-stairs"]; cs.AcceptanceRate != nil {
				t.Fatalf("climbing-stairs has a rate without submits: %v", *cs.AcceptanceRate)
			}
			for slug, want := range tc.want {
				if got[slug].Progress != want {
					t.Errorf("%s: progress %q, want %q", slug, got[slug].Progress, want)
				}
			}
		})
	}
}

// Search finds problems by category, company and statement text too.
func TestLibrarySearchCoversTopicsAndStatements(t *testing.T) {
	app := library(t)
	c := app.Client()
	for _, tc := range []struct{ q, want string }{
		{"hash", "two-sum"},                // a category
		{"numbers that add up", "two-sum"}, // statement text
	} {
		var page struct{ Problems []struct{ Slug string } }
		c.Do("GET", "/api/problems?limit=100&q="+strings.ReplaceAll(tc.q, " ", "+"), nil).JSON(t, &page)
		found := false
		for _, p := range page.Problems {
			found = found || p.Slug == tc.want
		}
		if !found {
			t.Errorf("q=%q: %v, want %s among them", tc.q, page.Problems, tc.want)
		}
	}
}

// Credits: with 0 left the start says what to do; CREDITS=unlimited takes none.
func TestCreditsRunOutAndUnlimited(t *testing.T) {
	t.Run("counted", func(t *testing.T) {
		app := library(t)
		c := app.Client()
		c.Signup("counted@example.com")
		for range 3 {
			c.Start("two-sum", "python")
		}
		r := c.Do("POST", "/api/sessions/start", map[string]any{"problem_id": app.ProblemID("two-sum"), "language": "python", "duration_minutes": 30})
		if r.Status != 402 || r.ErrCode(t) != "insufficient_credits" || !strings.Contains(string(r.Body), "mockroom credits grant") {
			t.Fatalf("start with 0 credits: %d %s", r.Status, r.Body)
		}
		var cr struct {
			Balance   int
			Unlimited bool
		}
		c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
		if cr.Balance != 0 || cr.Unlimited {
			t.Fatalf("credits = %+v", cr)
		}
	})
	t.Run("unlimited", func(t *testing.T) {
		app := apptest.New(t, apptest.Options{Problems: true, Interview: interview.Config{UnlimitedCredits: true},
			Mutate: func(c *httpapi.Config, _ *httpapi.Deps) { c.UnlimitedCredits = true }})
		c := app.Client()
		c.Signup("free@example.com")
		for range 5 {
			c.Start("two-sum", "python")
		}
		var cr struct {
			Balance      int
			Unlimited    bool
			Transactions []struct {
				Type string `json:"transaction_type"`
			}
		}
		c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
		if cr.Balance != 3 || !cr.Unlimited || len(cr.Transactions) != 1 {
			t.Fatalf("after 5 free starts: %+v", cr)
		}
	})
}
