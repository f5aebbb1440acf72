package interviewer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
)

// Model is the interviewer backed by a language model. The offline engine
// still runs every turn first: it keeps the phase and the state, decides when
// to stay silent, and its line is the answer whenever the model fails. The
// model then writes the reply (streamed) from our instructions — the seed's
// guidelines, the phase, the problem and the interviewer's guide — with the
// candidate's code, the observer's finding and the last run in the data
// section and the conversation as turns. It never sees a reference solution
// (the problem it is given has none) and its instructions forbid hints.
// Greetings, hints, stall offers and observer remarks stay offline: they
// are fixed lines or need no model.
type Model struct {
	client   *llm.Client
	model    string
	fallback *Offline
}

var (
	_ interview.Interviewer = (*Model)(nil)
	_ interview.Nudger      = (*Model)(nil)
)

// NewModel is the interviewer on client with model; fallback answers a turn
// the model could not (nil: the offline engine).
func NewModel(client *llm.Client, model string, fallback *Offline) *Model {
	if fallback == nil {
		fallback = &Offline{}
	}
	return &Model{client: client, model: model, fallback: fallback}
}

// Greeting is the offline greeting: it is the same for everyone and costs nothing.
func (m *Model) Greeting(ctx context.Context, p *problem.Problem, s *interview.Session) (string, error) {
	return m.fallback.Greeting(ctx, p, s)
}

// Hint hands out the problem's hint as written.
func (m *Model) Hint(ctx context.Context, p *problem.Problem, n, total int, hint string) (string, error) {
	return m.fallback.Hint(ctx, p, n, total, hint)
}

// Nudge is the offline engine's: a stall offer is a fixed line.
func (m *Model) Nudge(ctx context.Context, p *problem.Problem, s *interview.Session, sig interview.Signal, emit func(string)) (string, error) {
	return m.fallback.Nudge(ctx, p, s, sig, emit)
}

// Reply answers the candidate through the model.
func (m *Model) Reply(ctx context.Context, t interview.Turn, emit func(delta string)) (string, error) {
	st := interview.StateOf(t.Session)
	offline := reply(t.Problem, &st, t.History, t.Message)
	setState(t.Session, st)
	if offline == "" {
		return "", interview.ErrSilent
	}
	req := m.request(t.Problem, t.Session, st, t.Code, t.Language)
	req.Messages = messages(t.History, t.Message)
	return m.complete(ctx, req, offline, emit)
}

// React comments on a run through the model.
func (m *Model) React(ctx context.Context, p *problem.Problem, s *interview.Session, r interview.ExecutionSummary, emit func(delta string)) (string, error) {
	st := interview.StateOf(s)
	offline := react(p, &st, r)
	setState(s, st)
	req := m.request(p, s, st, "", s.Language)
	req.Messages = []llm.Message{{Role: llm.RoleUser, Text: "(The candidate has just run their code; the result is in the data section as last_run. React to it briefly.)"}}
	return m.complete(ctx, req, offline, emit)
}

func (m *Model) complete(ctx context.Context, req llm.Request, offline string, emit func(string)) (string, error) {
	streamed := false
	resp, err := m.client.Complete(ctx, req, func(d string) {
		if d != "" {
			streamed = true
			emit(d)
		}
	})
	if err != nil || strings.TrimSpace(resp.Text) == "" {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		// The offline engine takes the turn; what streamed is replaced by
		// the finished line.
		if !streamed {
			emit(offline)
		}
		return offline, nil
	}
	return strings.TrimSpace(resp.Text), nil
}

// request builds the model call: our instructions in System, the
// candidate's material in Data.
func (m *Model) request(p *problem.Problem, s *interview.Session, st interview.InterviewerState, code, language string) llm.Request {
	req := llm.Request{Agent: llm.AgentInterviewer, Model: m.model, System: systemPrompt(p, st), MaxTokens: 400}
	if s != nil {
		req.SessionID = s.ID
	}
	req.Data = candidateData(st, code, language)
	return req
}

// candidateData is the candidate's material an interviewer model reads:
// the code, the observer's finding, the last run, the stated complexity.
func candidateData(st interview.InterviewerState, code, language string) []llm.Data {
	var data []llm.Data
	if code != "" {
		data = append(data, llm.Data{Name: "language", Content: language}, llm.Data{Name: "code", Content: code})
	}
	if st.Observed != nil {
		o := *st.Observed
		raw, _ := json.Marshal(struct {
			Approach   string                  `json:"approach"`
			Complexity string                  `json:"estimated_complexity"`
			Syntax     []interview.SyntaxError `json:"syntax_errors"`
			Facts      interview.CodeFacts     `json:"facts"`
		}{o.Approach, o.EstimatedComplexity, o.SyntaxErrors, o.Facts})
		data = append(data, llm.Data{Name: "observer", Content: string(raw)})
	}
	if st.LastRun != nil {
		raw, _ := json.Marshal(st.LastRun)
		data = append(data, llm.Data{Name: "last_run", Content: string(raw)})
	}
	if st.StatedComplexity != "" {
		data = append(data, llm.Data{Name: "stated_complexity", Content: "O(" + st.StatedComplexity + ")"})
	}
	return data
}

// phaseGoals says what the interviewer works toward in each phase.
var phaseGoals = map[string]string{
	interview.PhaseIntroduction: "The candidate is reading the problem. Invite them to restate it and to ask clarifying questions.",
	interview.PhaseClarifying:   "The candidate is asking clarifying questions. Answer them from the facts below; when they are done, ask for their approach.",
	interview.PhaseApproach:     "The candidate is describing an approach. Ask what it costs in time and space and whether it can be better before they code.",
	interview.PhaseCoding:       "The candidate is coding. Say little; encourage thinking aloud; suggest running the examples when the code looks complete.",
	interview.PhaseTesting:      "The candidate is testing. Ask them to walk through an example or an edge case with their code.",
	interview.PhaseComplexity:   "Ask for the time and space complexity of the code they wrote, and question it if it disagrees with the observer's estimate.",
	interview.PhaseWrapUp:       "Wrap up: ask one follow-up question from the list below that has not been asked, and be encouraging.",
}

func systemPrompt(p *problem.Problem, st interview.InterviewerState) string {
	var b strings.Builder
	b.WriteString("You are a professional, encouraging technical interviewer running a live coding interview. " +
		"Reply in one to three short sentences, as spoken in a real interview. Encourage the candidate to think aloud, " +
		"adapt to how they are doing, and always ask about time and space complexity before wrapping up. " +
		"Never write the solution or code for the candidate, never give hints or reveal the intended algorithm: hints come only " +
		"from the Hint button, which you may suggest. Never quote hidden tests. Answer clarifying questions only from the facts below. ")
	b.WriteString(llm.DataRule)
	fmt.Fprintf(&b, "\n\nCurrent phase: %s. %s\n", st.Phase, phaseGoals[st.Phase])
	fmt.Fprintf(&b, "\nProblem: %s (%s)\n%s\n", p.Title, p.Difficulty, p.Description)
	b.WriteString("\nFacts for clarifying questions:\n")
	for _, c := range p.Guide.Clarifications {
		fmt.Fprintf(&b, "- %s: %s\n", c.Topic, c.Answer)
	}
	b.WriteString("\nEdge cases worth probing:\n")
	for _, e := range p.Guide.EdgeCases {
		fmt.Fprintf(&b, "- %s\n", e)
	}
	b.WriteString("\nCommon pitfalls (to recognise, not to announce):\n")
	for _, e := range p.Guide.Pitfalls {
		fmt.Fprintf(&b, "- %s\n", e)
	}
	b.WriteString("\nFollow-up questions for the wrap-up:\n")
	for _, e := range p.Guide.FollowUps {
		fmt.Fprintf(&b, "- %s\n", e)
	}
	return b.String()
}

// messages is the conversation as turns, ending with the candidate's message.
func messages(history []interview.Transcript, message string) []llm.Message {
	var out []llm.Message
	for _, h := range history {
		switch h.Speaker {
		case interview.SpeakerInterviewer:
			out = append(out, llm.Message{Role: llm.RoleAssistant, Text: h.Content})
		case interview.SpeakerCandidate:
			out = append(out, llm.Message{Role: llm.RoleUser, Text: h.Content})
		}
	}
	if n := len(out); n == 0 || out[n-1].Role != llm.RoleUser || out[n-1].Text != message {
		out = append(out, llm.Message{Role: llm.RoleUser, Text: message})
	}
	return out
}
