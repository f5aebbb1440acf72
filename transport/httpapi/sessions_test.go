package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
)

const twoSumPython = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n"

// twoSumWrong passes the examples but not every hidden test.
const twoSumWrong = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        return [0, 1]\n"

func library(t *testing.T) *apptest.App {
	return apptest.New(t, apptest.Options{Problems: true})
}

// raceStarts sends n concurrent start requests and counts their statuses.
func raceStarts(c *apptest.Client, problemID string, n int) map[int]int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := c.Do("POST", "/api/sessions/start", map[string]any{"problem_id": problemID, "language": "python", "duration_minutes": 30})
			mu.Lock()
			codes[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return codes
}

// onBothEngines runs f against SQLite and against PostgreSQL (where row-level
// security is the second wall).
func onBothEngines(t *testing.T, f func(t *testing.T, app *apptest.App)) {
	for _, engine := range apptest.Engines {
		t.Run(engine, func(t *testing.T) {
			f(t, apptest.New(t, apptest.Options{Problems: true, Postgres: engine == "postgres"}))
		})
	}
}

func TestInterviewLifecycleOverREST(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		c := app.Client()
		c.Signup("life@example.com")
		id := c.Start("two-sum", "python")

		var cr struct{ Balance int }
		c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
		if cr.Balance != 2 {
			t.Fatalf("balance after start = %d, want 2", cr.Balance)
		}
		var view struct {
			Session struct {
				Status   string
				Language string
			}
			Problem struct {
				Slug     string
				Examples []any
			}
			Code        string
			RemainingMS int64 `json:"remaining_ms"`
			HintsTotal  int   `json:"hints_total"`
		}
		c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
		if view.Session.Status != "active" || view.Problem.Slug != "two-sum" || !strings.Contains(view.Code, "def twoSum") ||
			view.RemainingMS < 29*60*1000 || view.HintsTotal == 0 || len(view.Problem.Examples) < 2 {
			t.Fatalf("session view = %+v", view)
		}
		var tr struct {
			Transcript []struct{ Speaker, Content string }
		}
		c.Do("GET", "/api/sessions/"+id+"/transcript", nil).JSON(t, &tr)
		if len(tr.Transcript) != 1 || tr.Transcript[0].Speaker != "interviewer" || !strings.Contains(tr.Transcript[0].Content, "Two Sum") {
			t.Fatalf("greeting = %+v", tr)
		}

		if r := c.Do("POST", "/api/sessions/"+id+"/code", map[string]string{"code": twoSumPython, "language": "python"}); r.Status != 200 {
			t.Fatalf("save code: %d %s", r.Status, r.Body)
		}
		c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
		if view.Code != twoSumPython {
			t.Fatal("saved code not returned")
		}
		var hint struct {
			Hint      string
			HintsUsed int `json:"hints_used"`
		}
		c.Do("POST", "/api/sessions/"+id+"/hint", nil).JSON(t, &hint)
		if hint.HintsUsed != 1 || !strings.HasPrefix(hint.Hint, "Hint 1 of") {
			t.Fatalf("hint = %+v", hint)
		}

		var rep struct {
			Status, Mode  string
			Passed, Total int
			Hidden        *struct{ Passed, Total int }
		}
		r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": twoSumPython, "language": "python", "mode": "submit"})
		r.JSON(t, &rep)
		if r.Status != 200 || rep.Status != "accepted" || rep.Passed != rep.Total || rep.Hidden == nil || rep.Hidden.Total < 8 {
			t.Fatalf("submit: %d %s", r.Status, r.Body)
		}

		// The interviewer hears about the submit through the event bus and
		// comments on it in the conversation.
		reacted := func() bool {
			c.Do("GET", "/api/sessions/"+id+"/transcript", nil).JSON(t, &tr)
			last := tr.Transcript[len(tr.Transcript)-1]
			return last.Speaker == "interviewer" && strings.Contains(last.Content, "tests pass")
		}
		if !testenv.Eventually(10*time.Second, reacted) {
			t.Fatalf("the interviewer never reacted to the submit: %+v", tr.Transcript)
		}

		var ended struct {
			Status          string
			DurationSeconds int `json:"duration_seconds"`
			HintsUsed       int `json:"hints_used"`
			TestCasesPassed int `json:"test_cases_passed"`
			TestCasesTotal  int `json:"test_cases_total"`
		}
		c.Do("POST", "/api/sessions/"+id+"/end", nil).JSON(t, &ended)
		if ended.Status != "completed" || ended.HintsUsed != 1 || ended.TestCasesPassed != rep.Total || ended.TestCasesTotal != rep.Total {
			t.Fatalf("ended = %+v", ended)
		}
		var snaps struct {
			Snapshots []struct {
				Type string `json:"snapshot_type"`
				Code string
			}
		}
		c.Do("GET", "/api/sessions/"+id+"/snapshots", nil).JSON(t, &snaps)
		types := ""
		for _, s := range snaps.Snapshots {
			types += s.Type + " "
		}
		if !strings.Contains(types, "execution") || !strings.Contains(types, "final") || snaps.Snapshots[len(snaps.Snapshots)-1].Code != twoSumPython {
			t.Fatalf("snapshots: %s", types)
		}
		// An ended interview takes no more code, and ending twice is harmless.
		if r := c.Do("POST", "/api/sessions/"+id+"/code", map[string]string{"code": "x"}); r.Status != 409 || r.ErrCode(t) != "session_ended" {
			t.Fatalf("code after end: %d %s", r.Status, r.Body)
		}
		if r := c.Do("POST", "/api/sessions/"+id+"/end", nil); r.Status != 200 {
			t.Fatalf("second end: %d", r.Status)
		}
	})
}

func TestStartNeedsCreditsAndValidInput(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		c := app.Client()
		c.Signup("credits@example.com")
		pid := app.ProblemID("two-sum")
		bad := []struct {
			body map[string]any
			code string
		}{
			{map[string]any{"problem_id": "nope", "language": "python", "duration_minutes": 30}, "invalid_field"},
			{map[string]any{"problem_id": mockroom.NewID(), "language": "python", "duration_minutes": 30}, "not_found"},
			{map[string]any{"problem_id": pid, "language": "cobol", "duration_minutes": 30}, "language_unavailable"},
			{map[string]any{"problem_id": pid, "language": "python", "duration_minutes": 90}, "invalid_field"},
		}
		for _, b := range bad {
			if r := c.Do("POST", "/api/sessions/start", b.body); r.ErrCode(t) != b.code {
				t.Fatalf("%v: %d %s", b.body, r.Status, r.Body)
			}
		}
		for i := 0; i < 3; i++ {
			c.Start("two-sum", "python")
		}
		r := c.Do("POST", "/api/sessions/start", map[string]any{"problem_id": pid, "language": "python", "duration_minutes": 30})
		if r.Status != 402 || r.ErrCode(t) != "insufficient_credits" {
			t.Fatalf("fourth start: %d %s", r.Status, r.Body)
		}
	})
}

// 100 concurrent starts with 3 credits: exactly 3 interviews, balance 0.
func TestConcurrentStartsNeverOverspend(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		c := app.Client()
		c.Signup("race@example.com")
		codes := raceStarts(c, app.ProblemID("two-sum"), 100)
		var cr struct{ Balance int }
		c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
		var list struct{ Sessions []any }
		c.Do("GET", "/api/sessions", nil).JSON(t, &list)
		if codes[201] != 3 || codes[402] != 97 || cr.Balance != 0 || len(list.Sessions) != 3 {
			t.Fatalf("statuses %v, balance %d, sessions %d", codes, cr.Balance, len(list.Sessions))
		}
	})
}

func TestAtMostTenActiveInterviews(t *testing.T) {
	app := library(t)
	c := app.Client()
	uid := c.Signup("busy@example.com")
	if _, err := app.DB.AddCredits(context.Background(), uid, 20, "bonus", "", "test"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		c.Start("two-sum", "python")
	}
	r := c.Do("POST", "/api/sessions/start", map[string]any{"problem_id": app.ProblemID("two-sum"), "language": "python", "duration_minutes": 30})
	if r.Status != 409 || r.ErrCode(t) != "too_many_sessions" {
		t.Fatalf("11th start: %d %s", r.Status, r.Body)
	}
}

func TestSessionRoutesRefuseOtherUsers(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		owner, other := app.Client(), app.Client()
		owner.Signup("owner@example.com")
		other.Signup("other@example.com")
		id := owner.Start("two-sum", "python")
		owner.Do("POST", "/api/sessions/"+id+"/code", map[string]string{"code": "# OWNER-SECRET-CODE\n"})
		routes := []struct{ method, path string }{
			{"GET", "/api/sessions/" + id}, {"PATCH", "/api/sessions/" + id}, {"POST", "/api/sessions/" + id + "/end"},
			{"POST", "/api/sessions/" + id + "/code"}, {"POST", "/api/sessions/" + id + "/hint"}, {"POST", "/api/sessions/" + id + "/chat"},
			{"GET", "/api/sessions/" + id + "/transcript"}, {"GET", "/api/sessions/" + id + "/snapshots"},
			{"POST", "/api/sessions/" + id + "/execute"}, {"POST", "/api/realtime/token"},
		}
		bodies := map[string]any{"PATCH": map[string]string{"language": "java"}}
		for _, rt := range routes {
			body := bodies[rt.method]
			switch {
			case strings.HasSuffix(rt.path, "/code"):
				body = map[string]string{"code": "hijack"}
			case strings.HasSuffix(rt.path, "/chat"):
				body = map[string]string{"text": "hi"}
			case strings.HasSuffix(rt.path, "/execute"):
				body = map[string]string{"code": twoSumPython, "mode": "run"}
			case strings.HasSuffix(rt.path, "/token"):
				body = map[string]string{"session_id": id}
			}
			r := other.Do(rt.method, rt.path, body)
			if r.Status != 404 || strings.Contains(string(r.Body), "OWNER-SECRET") {
				t.Fatalf("%s %s as another user: %d %s", rt.method, rt.path, r.Status, r.Body)
			}
			if r := app.Client().Do(rt.method, rt.path, body); r.Status != 401 {
				t.Fatalf("%s %s signed out: %d", rt.method, rt.path, r.Status)
			}
		}
		var view struct {
			Session struct{ Status string }
			Code    string
		}
		owner.Do("GET", "/api/sessions/"+id, nil).JSON(t, &view)
		if view.Session.Status != "active" || !strings.Contains(view.Code, "OWNER-SECRET") {
			t.Fatalf("another user changed the session: %+v", view)
		}
	})
}

func TestExecuteRunSubmitLimitsAndHiddenTests(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("exec@example.com")
	id := c.Start("two-sum", "python")
	path := "/api/sessions/" + id + "/execute"

	// A subtly wrong solution: the examples pass, a hidden test fails, and
	// nothing of the hidden test is shown.
	r := c.Do("POST", path, map[string]any{"code": twoSumWrong, "language": "python", "mode": "submit"})
	var rep struct {
		Status string
		Tests  []struct{ Verdict string }
		Hidden struct {
			Passed, Total int
			Verdicts      map[string]int
		}
	}
	r.JSON(t, &rep)
	if rep.Status != "wrong_answer" || rep.Hidden.Passed == rep.Hidden.Total || rep.Hidden.Verdicts["wrong_answer"] == 0 {
		t.Fatalf("wrong submit: %s", r.Body)
	}
	tests, _ := app.DB.AllTests(mockroom.AsService(context.Background()), app.ProblemID("two-sum"))
	for _, tc := range tests {
		if tc.IsHidden && len(tc.Input) > 12 && strings.Contains(string(r.Body), string(tc.Input)) {
			t.Fatalf("hidden input %s leaked in %s", tc.Input, r.Body)
		}
	}
	// Run with custom input.
	r = c.Do("POST", path, map[string]any{"code": twoSumPython, "mode": "run", "stdin": `{"nums":[3,3],"target":6}`})
	if r.Status != 200 || !strings.Contains(string(r.Body), `"custom"`) {
		t.Fatalf("run with custom input: %d %s", r.Status, r.Body)
	}
	// Third run in the minute is allowed, the fourth is not.
	if r := c.Do("POST", path, map[string]any{"code": twoSumPython, "mode": "run"}); r.Status != 200 {
		t.Fatalf("third run: %d %s", r.Status, r.Body)
	}
	r = c.Do("POST", path, map[string]any{"code": twoSumPython, "mode": "run"})
	if r.Status != 429 || r.Header.Get("Retry-After") == "" || r.ErrCode(t) != "rate_limited" {
		t.Fatalf("fourth run: %d %v %s", r.Status, r.Header, r.Body)
	}
	// Bad input never reaches the sandbox.
	id2 := c.Start("two-sum", "python")
	path2 := "/api/sessions/" + id2 + "/execute"
	for _, b := range []struct {
		body   any
		status int
	}{
		{map[string]any{"code": twoSumPython, "mode": "sprint"}, 400},
		{map[string]any{"code": twoSumPython, "language": "java"}, 400},
		{map[string]any{"code": strings.Repeat("#", 51<<10)}, 413},
		{map[string]any{"code": twoSumPython, "stdin": "[1,2]"}, 400},
		{map[string]any{"code": twoSumPython, "mode": "submit", "stdin": `{"nums":[1],"target":1}`}, 400},
		{`{"code": 12}`, 400},
		{map[string]any{"language": "python"}, 400},
	} {
		if r := c.Do("POST", path2, b.body); r.Status != b.status {
			t.Fatalf("%v: %d %s", b.body, r.Status, r.Body)
		}
	}
}

func TestMalformedBodiesOnEveryMutatingRoute(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("fuzz@example.com")
	id := c.Start("two-sum", "python")
	for _, path := range []string{"/api/auth/signup", "/api/auth/signin", "/api/users/profile", "/api/sessions/start",
		"/api/sessions/" + id, "/api/sessions/" + id + "/code", "/api/sessions/" + id + "/chat",
		"/api/sessions/" + id + "/execute", "/api/realtime/token"} {
		method := "POST"
		if path == "/api/users/profile" || path == "/api/sessions/"+id {
			method = "PATCH"
		}
		for _, body := range []string{"{", "[]", `"str"`, `{"x":1}`, "null", strings.Repeat("[", 10000), `{"code": {"nested": true}}`} {
			r := c.Do(method, path, body)
			if r.Status < 400 || r.Status >= 500 {
				t.Fatalf("%s %s %.20q: %d %s", method, path, body, r.Status, r.Body)
			}
			r.ErrCode(t)
		}
	}
	_ = fmt.Sprint
}

// The account routes against both engines: signup credits, profile edits,
// sign-out revocation and sign-in.
func TestAccountsOnBothEngines(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		c := app.Client()
		c.Signup("both@example.com")
		var p struct {
			Credits         int
			ExperienceLevel string `json:"experience_level"`
		}
		c.Do("PATCH", "/api/users/profile", map[string]any{"experience_level": "staff"}).JSON(t, &p)
		if p.Credits != 3 || p.ExperienceLevel != "staff" {
			t.Fatalf("profile = %+v", p)
		}
		var cr struct {
			Balance      int
			Transactions []struct {
				Type string `json:"transaction_type"`
			}
		}
		c.Do("GET", "/api/users/credits", nil).JSON(t, &cr)
		if cr.Balance != 3 || len(cr.Transactions) != 1 || cr.Transactions[0].Type != "bonus" {
			t.Fatalf("credits = %+v", cr)
		}
		if r := c.Do("POST", "/api/auth/signout", nil); r.Status != 204 {
			t.Fatalf("signout: %d", r.Status)
		}
		if r := c.Do("GET", "/api/users/profile", nil); r.Status != 401 {
			t.Fatalf("profile after signout: %d", r.Status)
		}
		if r := c.Do("POST", "/api/auth/signin", map[string]string{"email": "both@example.com", "password": "correct horse"}); r.Status != 200 {
			t.Fatalf("signin: %d %s", r.Status, r.Body)
		}
		var list struct{ Problems []any }
		c.Do("GET", "/api/problems?difficulty=easy", nil).JSON(t, &list)
		if len(list.Problems) < 6 {
			t.Fatalf("easy problems: %d", len(list.Problems))
		}
	})
}
