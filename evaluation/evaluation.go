// Package evaluation holds what the evaluator produces when an interview
// ends: four scored dimensions with their feedback and evidence, strengths,
// improvements, a recommendation and a Markdown report (seed section 3,
// agent 3), and the recorded-session format that `mockroom evaluate` reads
// and `GET /api/sessions/{id}/export` writes.
//
// Two rules the types carry: the overall score is computed by us from the
// dimensions (Weighted), never taken from a model; and a claim without
// evidence is not made, so a dimension with too little to go on has no
// score (Score nil, "insufficient evidence") instead of an invented one.
package evaluation

import (
	"context"
	"math"
	"strconv"
	"time"

	"github.com/mockroom/mockroom/efficiency"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

// Dimension keys and their weights (seed: evaluation criteria).
const (
	ProblemSolving = "problem_solving"
	CodeQuality    = "code_quality"
	Communication  = "communication"
	Efficiency     = "efficiency"
)

// Weights are the seed's: 30 %, 25 %, 25 %, 20 %.
var Weights = map[string]float64{ProblemSolving: 0.30, CodeQuality: 0.25, Communication: 0.25, Efficiency: 0.20}

// DimensionKeys in report order.
var DimensionKeys = []string{ProblemSolving, CodeQuality, Communication, Efficiency}

// Recommendations (seed: evaluations.hiring_recommendation), and ours for
// a session whose evidence is too thin to recommend anything (stored NULL).
const (
	StrongYes            = "strong-yes"
	Yes                  = "yes"
	Maybe                = "maybe"
	No                   = "no"
	InsufficientEvidence = "insufficient-evidence"
)

// Evaluation is the evaluator's verdict on one session.
type Evaluation struct {
	SessionID      string      `json:"session_id"`
	OverallScore   *float64    `json:"overall_score"` // Weighted(Dimensions); nil when no dimension has a score
	Dimensions     []Dimension `json:"dimensions"`    // DimensionKeys order
	Strengths      []Finding   `json:"strengths"`
	Improvements   []Finding   `json:"improvements"`
	Recommendation string      `json:"hiring_recommendation" enum:"strong-yes,yes,maybe,no,insufficient-evidence"`
	Signals        Signals     `json:"signals"`         // measured, apart from judgement
	Report         string      `json:"detailed_report"` // Markdown
	Evaluator      string      `json:"evaluator"`       // "offline", or provider/model
	CreatedAt      time.Time   `json:"created_at"`
}

// Dimension is one scored criterion.
type Dimension struct {
	Key      string     `json:"key" enum:"problem_solving,code_quality,communication,efficiency"`
	Weight   float64    `json:"weight"`
	Score    *float64   `json:"score"` // 0–100; nil: insufficient evidence
	Feedback string     `json:"feedback"`
	Evidence []Evidence `json:"evidence"`
}

// Finding is a strength or an improvement, with what it rests on.
type Finding struct {
	Text     string     `json:"text"`
	Evidence []Evidence `json:"evidence"`
}

// Evidence points at the moment a claim rests on.
type Evidence struct {
	Kind  string `json:"kind" enum:"transcript,snapshot,run,signal"`
	TMS   int64  `json:"t_ms"`            // when in the session (ms from its start)
	Ref   string `json:"ref,omitempty"`   // transcript seq (Input.LineRef), snapshot index, run index or signal name
	Quote string `json:"quote,omitempty"` // a short excerpt: the words, the line of code, the verdict
}

// Signals are measured facts, labelled apart from the judgement.
type Signals struct {
	TestsPassed       int    `json:"tests_passed"` // of the last submit (or run when never submitted)
	TestsTotal        int    `json:"tests_total"`
	Submitted         bool   `json:"submitted"`
	Accepted          bool   `json:"accepted"` // a submit passed every test
	Runs              int    `json:"runs"`
	Submits           int    `json:"submits"`
	HintsUsed         int    `json:"hints_used"`
	HintsAvailable    int    `json:"hints_available"`
	DurationSeconds   int    `json:"duration_seconds"`
	DurationMinutes   int    `json:"duration_minutes"`             // planned
	FinalComplexity   string `json:"final_complexity,omitempty"`   // estimated from the final code
	OptimalComplexity string `json:"optimal_complexity,omitempty"` // the problem's
	// MeasuredComplexity is the growth the efficiency probe timed on the
	// last accepted submit ("O(n)"), MeasuredGrowth its sentence and
	// MeasuredVerdict its comparison with the optimum (optimal, worse,
	// better); empty when it was not measured.
	MeasuredComplexity  string `json:"measured_complexity,omitempty"`
	MeasuredGrowth      string `json:"measured_growth,omitempty"`
	MeasuredVerdict     string `json:"measured_verdict,omitempty"`
	CandidateMessages   int    `json:"candidate_messages"`
	CandidateWords      int    `json:"candidate_words"`
	ClarifyingQuestions int    `json:"clarifying_questions"`
	ComplexityDiscussed bool   `json:"complexity_discussed"`
	TestingDiscussed    bool   `json:"testing_discussed"`
	FinalCodeLines      int    `json:"final_code_lines"`
}

// Normalize makes every list non-nil (the API promises arrays) and an empty
// recommendation insufficient evidence.
func (e *Evaluation) Normalize() {
	if e.Dimensions == nil {
		e.Dimensions = []Dimension{}
	}
	for i := range e.Dimensions {
		if e.Dimensions[i].Evidence == nil {
			e.Dimensions[i].Evidence = []Evidence{}
		}
	}
	for _, fs := range []*[]Finding{&e.Strengths, &e.Improvements} {
		if *fs == nil {
			*fs = []Finding{}
		}
		for i := range *fs {
			if (*fs)[i].Evidence == nil {
				(*fs)[i].Evidence = []Evidence{}
			}
		}
	}
	if e.Recommendation == "" {
		e.Recommendation = InsufficientEvidence
	}
}

// Weighted is the overall score: the weighted mean of the dimensions that
// have a score, renormalised over their weights, rounded to one decimal.
// Nil when none has one.
func Weighted(dims []Dimension) *float64 {
	sum, w := 0.0, 0.0
	for _, d := range dims {
		if d.Score == nil {
			continue
		}
		wt := Weights[d.Key]
		sum += clamp(*d.Score) * wt
		w += wt
	}
	if w == 0 {
		return nil
	}
	v := math.Round(sum/w*10) / 10
	return &v
}

func clamp(v float64) float64 { return math.Max(0, math.Min(100, v)) }

// Recording is a session in the recorded-session format (docs/recorded-sessions.md).
type Recording struct {
	ProblemSlug     string             `json:"problem_slug"`
	Language        string             `json:"language"`
	DurationMinutes int                `json:"duration_minutes"`
	DurationSeconds int                `json:"duration_seconds"`
	HintsUsed       int                `json:"hints_used"`
	Transcript      []RecordedLine     `json:"transcript"`
	Snapshots       []RecordedSnapshot `json:"snapshots"`
	Runs            []RecordedRun      `json:"runs"`
}

// RecordedLine is one line of the conversation.
type RecordedLine struct {
	Speaker string `json:"speaker" enum:"interviewer,candidate,system"`
	TMS     int64  `json:"t_ms"`
	Text    string `json:"text"`
}

// RecordedSnapshot is the code at a moment.
type RecordedSnapshot struct {
	TMS  int64  `json:"t_ms"`
	Type string `json:"type" enum:"auto,manual,execution,final"`
	Code string `json:"code"`
}

// RecordedRun is a run or a submit. Only the code is read from a file: the
// judge runs it again, results are never trusted from the file.
type RecordedRun struct {
	TMS  int64  `json:"t_ms"`
	Mode string `json:"mode" enum:"run,submit"`
	Code string `json:"code"`
}

// JudgedRun is a run with the verdict of our judge.
type JudgedRun struct {
	RecordedRun
	Report *judge.Report `json:"report"`
}

// Input is everything the evaluator reads.
type Input struct {
	SessionID string
	Problem   *problem.Problem // with Hints, TimeComplexity and SpaceComplexity (service path)
	Recording Recording
	Runs      []JudgedRun // Recording.Runs, judged by us, same order
	// LineSeqs is the stored seq of each Recording.Transcript line (service
	// path); nil for a recording from a file, whose lines are numbered 1, 2, 3.
	LineSeqs []int64
	// Efficiency is the efficiency probe's result on the last accepted
	// submit, when one was measured (service path).
	Efficiency *efficiency.Measurement
}

// LineRef is how evidence names transcript line i (0-based): its seq, the
// number the report page links to.
func (in Input) LineRef(i int) string {
	if i < len(in.LineSeqs) {
		return strconv.FormatInt(in.LineSeqs[i], 10)
	}
	return strconv.Itoa(i + 1)
}

// LineIndex finds the transcript line a LineRef names.
func (in Input) LineIndex(ref string) (int, bool) {
	for i := range in.Recording.Transcript {
		if in.LineRef(i) == ref {
			return i, true
		}
	}
	return 0, false
}

// Evaluator scores a session. The offline evaluator never fails on valid
// input; a model-backed one falls back to it rather than return an error.
type Evaluator interface {
	Evaluate(ctx context.Context, in Input) (*Evaluation, error)
}

// Store keeps evaluations.
type Store interface {
	// SaveEvaluation stores e once per session: a second save for the same
	// session keeps the first and reports saved=false (a redelivered event
	// never writes an evaluation twice).
	SaveEvaluation(ctx context.Context, e *Evaluation) (saved bool, err error)
	// Evaluation returns the session's evaluation if the session belongs to
	// userID, KindNotFound when there is none yet or the session is not theirs.
	Evaluation(ctx context.Context, userID, sessionID string) (*Evaluation, error)
}
