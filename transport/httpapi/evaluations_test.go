package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/agents/evaluator"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/internal/apptest"
)

// The report goes in_progress → pending → ready, carries the session's
// model cost, reaches only its owner, and the export is the recorded-session
// format with the runs the judge saw.
func TestReportExportAndProgress(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(engine, func(t *testing.T) {
			// no evaluator: the test writes the evaluation itself
			reportExportAndProgress(t, apptest.New(t, apptest.Options{Problems: true, Postgres: engine == "postgres", NoEvaluator: true}))
		})
	}
}

func reportExportAndProgress(t *testing.T, app *apptest.App) {
	{
		c := app.Client()
		c.Signup("report@example.com")
		id := c.Start("two-sum", "python")

		var v evaluation.View
		c.Do("GET", "/api/sessions/"+id+"/evaluation", nil).JSON(t, &v)
		if v.Status != evaluation.StatusInProgress || v.Evaluation != nil {
			t.Fatalf("during the interview: %+v", v)
		}
		if r := c.Do("POST", "/api/sessions/"+id+"/chat", map[string]any{"text": "Can the array hold duplicates?"}); r.Status != http.StatusOK {
			t.Fatalf("chat: %d", r.Status)
		}
		if r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": twoSumPython, "language": "python", "mode": "submit"}); r.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", r.Status, r.Body)
		}
		if r := c.Do("POST", "/api/sessions/"+id+"/end", nil); r.Status != http.StatusOK {
			t.Fatalf("end: %d", r.Status)
		}
		c.Do("GET", "/api/sessions/"+id+"/evaluation", nil).JSON(t, &v)
		if v.Status != evaluation.StatusPending {
			t.Fatalf("after the end, before the evaluator: %+v", v)
		}

		svc := mockroom.AsService(context.Background())
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(app.DB.RecordModelCall(svc, evaluation.ModelCall{SessionID: id, Agent: "evaluator", Provider: "anthropic",
			Model: "claude-sonnet-4-6", InputTokens: 6000, OutputTokens: 2000, CostMicroUSD: 48000, Outcome: "ok"}))
		s70 := 70.0
		e := &evaluation.Evaluation{SessionID: id, Evaluator: "offline", Report: "# Report",
			Dimensions: []evaluation.Dimension{{Key: evaluation.ProblemSolving, Weight: 0.3, Score: &s70, Feedback: "ok"}}}
		e.OverallScore = evaluation.Weighted(e.Dimensions)
		_, err := app.DB.SaveEvaluation(svc, e)
		must(err)
		c.Do("GET", "/api/sessions/"+id+"/evaluation", nil).JSON(t, &v)
		if v.Status != evaluation.StatusReady || v.Evaluation == nil || *v.Evaluation.OverallScore != 70 ||
			v.Usage.CostMicroUSD != 48000 || v.Usage.Calls != 1 {
			t.Fatalf("ready: %+v", v)
		}

		var rec evaluation.Recording
		r := c.Do("GET", "/api/sessions/"+id+"/export", nil)
		r.JSON(t, &rec)
		if !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export is not a download: %q", r.Header.Get("Content-Disposition"))
		}
		if rec.ProblemSlug != "two-sum" || rec.Language != "python" || len(rec.Runs) != 1 || rec.Runs[0].Mode != "submit" ||
			rec.Runs[0].Code != twoSumPython || len(rec.Transcript) < 3 || rec.Transcript[1].Speaker != "candidate" {
			t.Fatalf("export %+v", rec)
		}
		if err := rec.Validate(); err != nil {
			t.Fatalf("the export does not validate as a recording: %v", err)
		}

		var p struct{ Points []evaluation.HistoryPoint }
		c.Do("GET", "/api/users/progress", nil).JSON(t, &p)
		if len(p.Points) != 1 || p.Points[0].SessionID != id || *p.Points[0].Scores[evaluation.ProblemSolving] != 70 {
			t.Fatalf("progress %+v", p)
		}

		// Another candidate gets 404 for all of it, and an empty chart.
		o := app.Client()
		o.Signup("nosy@example.com")
		for _, path := range []string{"/evaluation", "/export"} {
			if r := o.Do("GET", "/api/sessions/"+id+path, nil); r.Status != http.StatusNotFound {
				t.Fatalf("another candidate's %s: %d %s", path, r.Status, r.Body)
			}
		}
		o.Do("GET", "/api/users/progress", nil).JSON(t, &p)
		if len(p.Points) != 0 {
			t.Fatalf("another candidate's progress: %+v", p)
		}
	}
}

// flaky fails its first n evaluations, as a worker that crashes midway.
type flaky struct {
	mu    sync.Mutex
	fails int
	calls int
	next  evaluation.Evaluator
}

func (f *flaky) Evaluate(ctx context.Context, in evaluation.Input) (*evaluation.Evaluation, error) {
	f.mu.Lock()
	f.calls++
	fail := f.calls <= f.fails
	f.mu.Unlock()
	if fail {
		return nil, errors.New("evaluator crashed")
	}
	return f.next.Evaluate(ctx, in)
}

func (f *flaky) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// An interview over REST ends and its evaluation appears through the
// durable bus: the first attempt fails and is retried, and a redelivered
// session.ended writes nothing twice.
func TestEvaluationAfterEnd(t *testing.T) {
	ev := &flaky{fails: 1, next: evaluator.NewOffline()}
	app := apptest.New(t, apptest.Options{Problems: true, Evaluator: ev})
	c := app.Client()
	c.Signup("evaluated@example.com")
	id := c.Start("two-sum", "python")
	for _, text := range []string{"Can the array hold duplicates or negative numbers?",
		"My plan is one pass with a hash map from value to index, checking the complement first.",
		"That is O(n) time and O(n) space; let me test it on the examples and the edge case with duplicates."} {
		if r := c.Do("POST", "/api/sessions/"+id+"/chat", map[string]any{"text": text}); r.Status != http.StatusOK {
			t.Fatalf("chat: %d", r.Status)
		}
	}
	for _, mode := range []string{"run", "submit"} {
		if r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": twoSumPython, "language": "python", "mode": mode}); r.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", mode, r.Status, r.Body)
		}
	}
	if r := c.Do("POST", "/api/sessions/"+id+"/end", nil); r.Status != http.StatusOK {
		t.Fatalf("end: %d", r.Status)
	}
	var v evaluation.View
	deadline := time.Now().Add(30 * time.Second)
	for {
		c.Do("GET", "/api/sessions/"+id+"/evaluation", nil).JSON(t, &v)
		if v.Status == evaluation.StatusReady || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if v.Status != evaluation.StatusReady || v.Evaluation == nil {
		t.Fatalf("no evaluation 30 s after the end: %+v", v)
	}
	e := v.Evaluation
	if ev.count() != 2 {
		t.Errorf("the evaluator ran %d times, want 2 (a failure, then the retry)", ev.count())
	}
	if e.Evaluator != evaluator.Name || e.OverallScore == nil || !reflect.DeepEqual(e.OverallScore, evaluation.Weighted(e.Dimensions)) ||
		!e.Signals.Accepted || e.Signals.Runs != 1 || e.Signals.Submits != 1 || e.Recommendation == evaluation.InsufficientEvidence ||
		len(e.Strengths) == 0 || !strings.Contains(e.Report, "# Interview evaluation") {
		t.Fatalf("evaluation %+v", e)
	}

	// transcript evidence names the stored line by its seq (the report page links by seq)
	lines, err := app.DB.Transcripts(mockroom.AsService(context.Background()), id)
	if err != nil {
		t.Fatal(err)
	}
	cited := 0
	for _, f := range append(append([]evaluation.Finding{}, e.Strengths...), e.Improvements...) {
		for _, ev := range f.Evidence {
			if ev.Kind != "transcript" {
				continue
			}
			cited++
			found := false
			for _, l := range lines {
				found = found || (strconv.FormatInt(l.Seq, 10) == ev.Ref && l.TimestampMS == ev.TMS && l.Speaker == "candidate")
			}
			if !found {
				t.Errorf("evidence %+v names no candidate line by seq", ev)
			}
		}
	}
	if cited == 0 {
		t.Errorf("no finding cites the transcript: %+v", e)
	}

	// session.ended again (a redelivery): nothing is evaluated or written twice
	err = app.Evaluations.HandleEvent(context.Background(), events.Delivery{Event: events.Event{Topic: events.SessionEnded, SessionID: id, Key: id}, Attempt: 2})
	if err != nil {
		t.Fatal(err)
	}
	var again evaluation.View
	c.Do("GET", "/api/sessions/"+id+"/evaluation", nil).JSON(t, &again)
	if ev.count() != 2 || !again.Evaluation.CreatedAt.Equal(e.CreatedAt) || !reflect.DeepEqual(again.Evaluation.OverallScore, e.OverallScore) {
		t.Fatalf("a redelivery evaluated again: %d calls, %+v", ev.count(), again.Evaluation)
	}
}
