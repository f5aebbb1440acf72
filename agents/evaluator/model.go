package evaluator

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/evaluation"
)

// Model asks a chat model for the judgement and keeps only what it can
// check: evidence must point at a real moment of the session, scores are
// clamped, the overall score and the recommendation are ours, the measured
// signals are ours, and a dimension the offline reading found too thin to
// score stays unscored whatever the model says. On any error or invalid
// answer the whole evaluation is the offline one, and says so.
type Model struct {
	client   *llm.Client
	model    string
	fallback *Offline
}

var _ evaluation.Evaluator = (*Model)(nil)

// NewModel returns a model-backed evaluator; fallback nil means NewOffline().
func NewModel(client *llm.Client, model string, fallback *Offline) *Model {
	if fallback == nil {
		fallback = NewOffline()
	}
	return &Model{client: client, model: model, fallback: fallback}
}

// Limits on what is sent: the session's latest snapshots, each cut.
const (
	maxSnapshotsSent = 12
	maxCodeSent      = 6000
	maxReportKept    = 8000
)

// Evaluate never fails on valid input: a failed call falls back.
func (m *Model) Evaluate(ctx context.Context, in evaluation.Input) (*evaluation.Evaluation, error) {
	base, err := m.fallback.Evaluate(ctx, in)
	if err != nil {
		return nil, err
	}
	name := m.client.Provider() + "/" + m.model
	var ans modelAnswer
	if _, err := m.client.CompleteJSON(ctx, m.request(in, base), &ans); err != nil {
		base.Evaluator = fmt.Sprintf("%s (fallback: %s %s)", Name, name, llm.KindOf(err))
		return base, nil
	}
	e, err := m.accept(in, base, ans)
	if err != nil {
		base.Evaluator = fmt.Sprintf("%s (fallback: %s answered %v)", Name, name, err)
		return base, nil
	}
	e.Evaluator = name
	return e, nil
}

// modelAnswer is the JSON the schema asks for.
type modelAnswer struct {
	Dimensions []struct {
		Key                  string     `json:"key"`
		Score                float64    `json:"score"`
		InsufficientEvidence bool       `json:"insufficient_evidence"`
		Feedback             string     `json:"feedback"`
		Evidence             []modelRef `json:"evidence"`
	} `json:"dimensions"`
	Strengths    []modelFinding `json:"strengths"`
	Improvements []modelFinding `json:"improvements"`
	Report       string         `json:"report"`
}

type modelFinding struct {
	Text     string     `json:"text"`
	Evidence []modelRef `json:"evidence"`
}

type modelRef struct {
	Kind  string `json:"kind"`
	Ref   string `json:"ref"`
	Quote string `json:"quote"`
}

const refSchema = `{"type":"object","additionalProperties":false,"required":["kind","ref","quote"],"properties":{
 "kind":{"type":"string","enum":["transcript","snapshot","run","signal"]},
 "ref":{"type":"string","description":"transcript line number, snapshot number, run number (as given in the data), or a signal name"},
 "quote":{"type":"string","description":"a short excerpt of what is cited"}}}`

const findingSchema = `{"type":"object","additionalProperties":false,"required":["text","evidence"],"properties":{
 "text":{"type":"string"},"evidence":{"type":"array","items":` + refSchema + `}}}`

// answerSchema is the seed's evaluation output, without an overall score
// (ours) and with evidence references on every claim.
var answerSchema = json.RawMessage(`{"type":"object","additionalProperties":false,
 "required":["dimensions","strengths","improvements","report"],"properties":{
 "dimensions":{"type":"array","items":{"type":"object","additionalProperties":false,
   "required":["key","score","insufficient_evidence","feedback","evidence"],"properties":{
   "key":{"type":"string","enum":["problem_solving","code_quality","communication","efficiency"]},
   "score":{"type":"number","minimum":0,"maximum":100},
   "insufficient_evidence":{"type":"boolean"},
   "feedback":{"type":"string"},
   "evidence":{"type":"array","items":` + refSchema + `}}}},
 "strengths":{"type":"array","items":` + findingSchema + `},
 "improvements":{"type":"array","items":` + findingSchema + `},
 "report":{"type":"string","description":"Markdown narrative for the candidate"}}}`)

const system = `You evaluate a finished mock coding interview as an experienced interviewer would.
Score four dimensions from 0 to 100: problem_solving (30%), code_quality (25%), communication (25%), efficiency (20%).
Evidence, or no claim: every strength, improvement and dimension cites evidence from the data by reference:
kind "transcript" with the line's number shown in brackets, "snapshot" with the snapshot number, "run" with the run number,
or "signal" with the name of a measured signal. A claim you cannot cite, do not make. Where the data is too thin to
judge a dimension (a silent or near-empty session), set insufficient_evidence true and explain in the feedback.
The measured signals were computed by our tools (the judge ran every run; final_complexity is a static estimate;
measured_complexity, when present, is the growth the judge timed on inputs of growing size, and outranks the estimate);
do not contradict them. Do not give an overall score or a hiring recommendation: they are computed from your
dimension scores. Be specific and constructive; write the report in Markdown, addressed to the candidate.
Never reveal or reconstruct a reference solution.
`

func (m *Model) request(in evaluation.Input, base *evaluation.Evaluation) llm.Request {
	var sys strings.Builder
	sys.WriteString(system)
	sys.WriteString(llm.DataRule + "\n\n")
	if p := in.Problem; p != nil {
		// The problem is ours (its statement and optimum, never the
		// reference solution): it may sit with the instructions.
		fmt.Fprintf(&sys, "The problem: %s (%s). Optimal time complexity: %s; space: %s. Categories: %s.\n\n%s\n",
			p.Title, p.Difficulty, orUnknown(p.TimeComplexity), orUnknown(p.SpaceComplexity), strings.Join(p.Categories, ", "), p.Description)
	}
	sig, _ := json.MarshalIndent(base.Signals, "", "  ")
	rec := in.Recording
	var tr strings.Builder
	for i, l := range rec.Transcript {
		fmt.Fprintf(&tr, "[%s] %s %s: %s\n", in.LineRef(i), clock(l.TMS), l.Speaker, l.Text)
	}
	var snaps strings.Builder
	first := max(0, len(rec.Snapshots)-maxSnapshotsSent)
	for i := first; i < len(rec.Snapshots); i++ {
		s := rec.Snapshots[i]
		code := s.Code
		if len(code) > maxCodeSent {
			code = code[:maxCodeSent] + "\n... (cut)"
		}
		fmt.Fprintf(&snaps, "snapshot %d at %s (%s):\n%s\n\n", i, clock(s.TMS), s.Type, code)
	}
	var runs strings.Builder
	for i, r := range in.Runs {
		fmt.Fprintf(&runs, "run %d at %s: %s\n", i, clock(r.TMS), verdictText(r.Report))
	}
	return llm.Request{
		Agent: llm.AgentEvaluator, SessionID: in.SessionID, Model: m.model, System: sys.String(),
		Data: []llm.Data{
			{Name: "measured_signals", Content: string(sig)},
			{Name: "transcript", Content: tr.String()},
			{Name: "code_snapshots", Content: snaps.String()},
			{Name: "judged_runs", Content: runs.String()},
		},
		Schema:    &llm.Schema{Name: "evaluation", Description: "the interview's evaluation", JSON: answerSchema},
		MaxTokens: 4096,
	}
}

func clock(ms int64) string { return fmt.Sprintf("%d:%02d", ms/60000, ms/1000%60) }

// accept turns the model's answer into an evaluation: what cannot be
// checked is dropped, what is ours is ours.
func (m *Model) accept(in evaluation.Input, base *evaluation.Evaluation, ans modelAnswer) (*evaluation.Evaluation, error) {
	e := &evaluation.Evaluation{SessionID: in.SessionID, Signals: base.Signals}
	byKey := map[string]int{}
	for i, d := range ans.Dimensions {
		if _, dup := byKey[d.Key]; dup {
			return nil, fmt.Errorf("dimension %s twice", d.Key)
		}
		byKey[d.Key] = i
	}
	for _, bd := range base.Dimensions {
		i, ok := byKey[bd.Key]
		if !ok {
			return nil, fmt.Errorf("no %s dimension", bd.Key)
		}
		md := ans.Dimensions[i]
		d := evaluation.Dimension{Key: bd.Key, Weight: evaluation.Weights[bd.Key], Feedback: strings.TrimSpace(md.Feedback),
			Evidence: resolve(in, base.Signals, md.Evidence)}
		switch {
		case bd.Score == nil:
			// Too thin to score by measurement: no model makes it thicker.
			d.Feedback, d.Evidence = bd.Feedback, bd.Evidence
		case md.InsufficientEvidence:
			d.Feedback = "Insufficient evidence: " + strings.TrimPrefix(d.Feedback, "Insufficient evidence: ")
		default:
			d.Score = score(md.Score)
		}
		e.Dimensions = append(e.Dimensions, d)
	}
	for _, f := range ans.Strengths {
		if ev := resolve(in, base.Signals, f.Evidence); len(ev) > 0 && strings.TrimSpace(f.Text) != "" {
			e.Strengths = append(e.Strengths, evaluation.Finding{Text: strings.TrimSpace(f.Text), Evidence: ev})
		}
	}
	for _, f := range ans.Improvements {
		if ev := resolve(in, base.Signals, f.Evidence); len(ev) > 0 && strings.TrimSpace(f.Text) != "" {
			e.Improvements = append(e.Improvements, evaluation.Finding{Text: strings.TrimSpace(f.Text), Evidence: ev})
		}
	}
	e.OverallScore = evaluation.Weighted(e.Dimensions)
	e.Recommendation = recommend(e, e.Signals)
	e.Normalize()
	e.Evaluator = m.client.Provider() + "/" + m.model
	e.Report = Report(e, in.Problem)
	if narrative := strings.TrimSpace(ans.Report); narrative != "" {
		if len(narrative) > maxReportKept {
			narrative = narrative[:maxReportKept] + "…"
		}
		e.Report += "\n## The evaluator's notes\n\n" + narrative + "\n"
	}
	return e, nil
}

// resolve keeps the references that point at a real moment and fills
// their time and quote from the session itself, never from the model.
func resolve(in evaluation.Input, sig evaluation.Signals, refs []modelRef) []evaluation.Evidence {
	rec := in.Recording
	var out []evaluation.Evidence
	for _, r := range refs {
		i, err := strconv.Atoi(strings.TrimSpace(strings.Trim(r.Ref, "[]#")))
		switch r.Kind {
		case "transcript":
			if j, ok := in.LineIndex(strings.TrimSpace(strings.Trim(r.Ref, "[]#"))); ok {
				l := rec.Transcript[j]
				out = append(out, evaluation.Evidence{Kind: r.Kind, TMS: l.TMS, Ref: in.LineRef(j), Quote: quote(l.Text)})
			}
		case "snapshot":
			if err == nil && i >= 0 && i < len(rec.Snapshots) {
				s := rec.Snapshots[i]
				out = append(out, evaluation.Evidence{Kind: r.Kind, TMS: s.TMS, Ref: strconv.Itoa(i), Quote: quoteCode(s.Code, r.Quote)})
			}
		case "run":
			if err == nil && i >= 0 && i < len(in.Runs) {
				run := in.Runs[i]
				out = append(out, evaluation.Evidence{Kind: r.Kind, TMS: run.TMS, Ref: strconv.Itoa(i), Quote: verdictText(run.Report)})
			}
		case "signal":
			if v, ok := signalValue(sig, r.Ref); ok {
				out = append(out, signalEv(r.Ref, v))
			}
		}
	}
	return out
}

// quoteCode keeps the model's quote only when it is a line of the code.
func quoteCode(code, q string) string {
	q = strings.TrimSpace(q)
	for _, l := range strings.Split(code, "\n") {
		if t := strings.TrimSpace(l); t != "" && q != "" && t == q {
			return quote(t)
		}
	}
	return ""
}

// signalValue reads a measured signal by its JSON name.
func signalValue(sig evaluation.Signals, name string) (any, bool) {
	v, t := reflect.ValueOf(sig), reflect.TypeOf(sig)
	for i := range t.NumField() {
		if strings.Split(t.Field(i).Tag.Get("json"), ",")[0] == name {
			return v.Field(i).Interface(), true
		}
	}
	return nil, false
}
