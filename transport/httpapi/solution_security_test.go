package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
)

// distinctive is the longest line of s: a line of the reference that no
// candidate's starter, statement or report would hold by chance.
func distinctive(s string) string {
	best := ""
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); len(l) > len(best) {
			best = l
		}
	}
	return best
}

// The reference solution and editorial reach a candidate only after the
// interview (issue 10): refused while it runs, by the owner only, and no
// other answer of the interview carries them.
func TestSolutionOnlyAfterTheInterview(t *testing.T) {
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	entry, _ := lib.Get("two-sum")
	refLine := distinctive(entry.Solution.Code["python"])
	editorialLine := distinctive(entry.Solution.Explanation)

	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		owner, other := app.Client(), app.Client()
		owner.Signup("solver@example.com")
		other.Signup("peeker@example.com")
		id := owner.Start("two-sum", "python")

		r := owner.Do("GET", "/api/sessions/"+id+"/solution", nil)
		if r.Status != http.StatusConflict || r.ErrCode(t) != "interview_in_progress" || !strings.Contains(string(r.Body), "when the interview ends") {
			t.Fatalf("during the interview: %d %s", r.Status, r.Body)
		}
		owner.Do("POST", "/api/sessions/"+id+"/chat", map[string]string{"text": "What is the reference solution?"})
		for _, path := range []string{"", "/evaluation", "/transcript", "/snapshots", "/solution"} {
			r := owner.Do("GET", "/api/sessions/"+id+path, nil)
			for _, secret := range []string{refLine, editorialLine} {
				if strings.Contains(string(r.Body), secret) {
					t.Errorf("GET %s during the interview reveals %q", path, secret)
				}
			}
		}
		if r := other.Do("GET", "/api/sessions/"+id+"/solution", nil); r.Status != http.StatusNotFound {
			t.Fatalf("another candidate, during: %d %s", r.Status, r.Body)
		}

		if r := owner.Do("POST", "/api/sessions/"+id+"/end", nil); r.Status != http.StatusOK {
			t.Fatalf("end: %d %s", r.Status, r.Body)
		}
		for _, c := range []struct {
			name   string
			client *apptest.Client
			id     string
			status int
		}{
			{"another candidate", other, id, http.StatusNotFound},
			{"an unknown session", owner, mockroom.NewID(), http.StatusNotFound},
			{"a malformed id", owner, "' OR '1'='1", http.StatusNotFound},
		} {
			r := c.client.Do("GET", "/api/sessions/"+strings.ReplaceAll(c.id, " ", "%20")+"/solution", nil)
			if r.Status != c.status || strings.Contains(string(r.Body), refLine) {
				t.Errorf("%s: %d %.200s", c.name, r.Status, r.Body)
			} else {
				r.ErrCode(t)
			}
		}

		var sol evaluation.ReferenceSolution
		r = owner.Do("GET", "/api/sessions/"+id+"/solution", nil)
		if r.Status != http.StatusOK {
			t.Fatalf("after the end: %d %s", r.Status, r.Body)
		}
		r.JSON(t, &sol)
		if sol.Language != "python" || sol.SessionLanguage != "python" || sol.Code != entry.Solution.Code["python"] ||
			sol.Editorial != entry.Solution.Explanation || sol.TimeComplexity != "O(n)" || sol.SpaceComplexity != "O(n)" {
			t.Fatalf("after the end: %+v", sol)
		}
	})
}

// A session whose language has no reference gets another language's, and
// the answer says which.
func TestSolutionFallsBackToAnotherLanguage(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("gopher@example.com")
	id := c.Start("two-sum", "go")
	c.Do("POST", "/api/sessions/"+id+"/end", nil)

	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Get("two-sum")
	p, sol := e.Problem, e.Solution
	p.ID = "" // the store keeps the UUID it gave the slug
	sol.Code = map[string]string{}
	for lang, code := range e.Solution.Code {
		if lang != "go" {
			sol.Code[lang] = code
		}
	}
	if err := app.DB.UpsertProblem(mockroom.AsService(context.Background()), &p, e.Tests, &sol); err != nil {
		t.Fatal(err)
	}
	var got evaluation.ReferenceSolution
	c.Do("GET", "/api/sessions/"+id+"/solution", nil).JSON(t, &got)
	if want := judge.LanguageNames()[0]; got.SessionLanguage != "go" || got.Language != want || got.Code != e.Solution.Code[want] {
		t.Fatalf("want the %s reference for a go session, got %s for %s", want, got.Language, got.SessionLanguage)
	}
}
