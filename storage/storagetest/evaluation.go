package storagetest

import (
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/storage"
)

func score(v float64) *float64 { return &v }

func sampleEvaluation(sessionID string) *evaluation.Evaluation {
	ev := []evaluation.Evidence{{Kind: "transcript", TMS: 61000, Ref: "4", Quote: "a hash map from value to index"}}
	e := &evaluation.Evaluation{
		SessionID: sessionID,
		Dimensions: []evaluation.Dimension{
			{Key: evaluation.ProblemSolving, Weight: 0.3, Score: score(80), Feedback: "found the hash map", Evidence: ev},
			{Key: evaluation.CodeQuality, Weight: 0.25, Score: score(70), Feedback: "clear names"},
			{Key: evaluation.Communication, Weight: 0.25, Score: nil, Feedback: "insufficient evidence"},
			{Key: evaluation.Efficiency, Weight: 0.2, Score: score(90), Feedback: "O(n), the optimum"},
		},
		Strengths:      []evaluation.Finding{{Text: "optimal approach", Evidence: ev}},
		Improvements:   []evaluation.Finding{{Text: "say the complexity out loud"}},
		Recommendation: evaluation.Yes,
		Signals:        evaluation.Signals{TestsPassed: 12, TestsTotal: 12, Accepted: true, Submitted: true, FinalComplexity: "O(n)"},
		Report:         "# Report\n\nGood.",
		Evaluator:      "offline",
		CreatedAt:      time.Now().UTC().Truncate(time.Millisecond),
	}
	e.OverallScore = evaluation.Weighted(e.Dimensions)
	return e
}

// An evaluation is written once per session, read back whole (evidence,
// missing scores), and only by the session's owner.
func testEvaluations(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	_, err := db.Evaluation(ctx, f.user, f.s.ID)
	wantKind(t, err, mockroom.KindNotFound, "")

	e := sampleEvaluation(f.s.ID)
	saved, err := db.SaveEvaluation(ctx, e)
	must(t, err)
	if !saved {
		t.Fatal("the first save reported saved=false")
	}
	second := sampleEvaluation(f.s.ID)
	second.Report = "a second evaluation"
	saved, err = db.SaveEvaluation(ctx, second)
	must(t, err)
	if saved {
		t.Fatal("a second evaluation of the session was saved")
	}
	got, err := db.Evaluation(asUser(f.user), f.user, f.s.ID)
	must(t, err)
	if got.Report != e.Report || got.OverallScore == nil || *got.OverallScore != *e.OverallScore ||
		len(got.Dimensions) != 4 || got.Dimensions[2].Score != nil || got.Dimensions[0].Evidence[0].Quote != "a hash map from value to index" ||
		got.Recommendation != evaluation.Yes || !got.Signals.Accepted || got.Strengths[0].Evidence[0].TMS != 61000 {
		t.Fatalf("read back %+v", got)
	}
	// Another candidate, by their own request or naming the owner, sees nothing.
	_, err = db.Evaluation(asUser(f.other), f.other, f.s.ID)
	wantKind(t, err, mockroom.KindNotFound, "")
	_, err = db.Evaluation(asUser(f.other), f.user, f.s.ID)
	wantKind(t, err, mockroom.KindNotFound, "")

	// Insufficient evidence everywhere: no overall score, no recommendation.
	empty := &evaluation.Evaluation{SessionID: f.s.ID}
	for _, k := range evaluation.DimensionKeys {
		empty.Dimensions = append(empty.Dimensions, evaluation.Dimension{Key: k, Feedback: "insufficient evidence"})
	}
	if evaluation.Weighted(empty.Dimensions) != nil {
		t.Fatal("Weighted of no scores is not nil")
	}
}

// Model calls add up per agent on their session; another candidate sees none.
func testModelCalls(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	calls := []evaluation.ModelCall{
		{SessionID: f.s.ID, Agent: "interviewer", Provider: "openai", Model: "gpt-4o", InputTokens: 1000, OutputTokens: 100, LatencyMS: 800, CostMicroUSD: 3500, Outcome: "ok"},
		{SessionID: f.s.ID, Agent: "interviewer", Provider: "openai", Model: "gpt-4o", InputTokens: 2000, OutputTokens: 50, LatencyMS: 400, CostMicroUSD: 5500, Outcome: "ok"},
		{SessionID: f.s.ID, Agent: "evaluator", Provider: "anthropic", Model: "claude-sonnet-4-6", InputTokens: 6000, OutputTokens: 2000, LatencyMS: 9000, CostMicroUSD: 48000, Outcome: "error"},
		{SessionID: "", Agent: "evaluator", Provider: "openai", Model: "gpt-4o"}, // no session: not stored
	}
	for _, c := range calls {
		must(t, db.RecordModelCall(ctx, c))
	}
	u, err := db.SessionUsage(asUser(f.user), f.s.ID)
	must(t, err)
	if u.Calls != 3 || u.InputTokens != 9000 || u.OutputTokens != 2150 || u.CostMicroUSD != 57000 || len(u.ByAgent) != 2 {
		t.Fatalf("usage %+v", u)
	}
	if a := u.ByAgent[1]; a.Agent != "interviewer" || a.Calls != 2 || a.LatencyMSAvg != 600 || a.CostMicroUSD != 9000 {
		t.Fatalf("interviewer usage %+v", a)
	}
	other, err := db.SessionUsage(asUser(f.other), f.s.ID)
	must(t, err)
	if other.Calls != 0 {
		t.Fatalf("another candidate sees %d calls", other.Calls)
	}
	if err := db.RecordModelCall(ctx, evaluation.ModelCall{SessionID: f.s.ID, Agent: "bystander", Outcome: "ok"}); err == nil {
		t.Fatal("an unknown agent was recorded")
	}
}

// History lists evaluated sessions oldest first with their scores.
func testEvaluationHistory(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	end := time.Now().UTC()
	_, _, err := db.EndSession(ctx, f.s.ID, interview.StatusCompleted, end, nil, ev(events.SessionEnded))
	must(t, err)
	s2 := &interview.Session{UserID: f.user, ProblemID: f.problem, Language: "python", DurationMinutes: 45}
	must(t, db.StartSession(asUser(f.user), s2, "", 3, 1, ev(events.SessionStarted)))
	_, _, err = db.EndSession(ctx, s2.ID, interview.StatusCompleted, end.Add(time.Hour), nil, ev(events.SessionEnded))
	must(t, err)
	first := sampleEvaluation(f.s.ID)
	second := sampleEvaluation(s2.ID)
	second.Dimensions[0].Score = score(95)
	second.OverallScore = evaluation.Weighted(second.Dimensions)
	for _, e := range []*evaluation.Evaluation{second, first} {
		_, err := db.SaveEvaluation(ctx, e)
		must(t, err)
	}
	h, err := db.History(asUser(f.user), f.user, 10)
	must(t, err)
	if len(h) != 2 || h[0].SessionID != f.s.ID || h[1].SessionID != s2.ID || h[0].ProblemSlug != "two-sum" ||
		*h[1].Scores[evaluation.ProblemSolving] != 95 || h[0].Scores[evaluation.Communication] != nil || h[1].OverallScore == nil {
		t.Fatalf("history %+v", h)
	}
	if h, _ := db.History(asUser(f.other), f.user, 10); len(h) != 0 {
		t.Fatalf("another candidate reads %d points of history", len(h))
	}
}
