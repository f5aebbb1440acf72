package observer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/mockroom/mockroom/agents/codeanalysis"
	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/interview"
)

// Model asks a language model for the judgement parts of an observation
// (approach, complexity, warnings, whether to run) and keeps what is
// measured from the toolchain and static analysis: syntax errors are never
// a model's opinion. The candidate's code reaches the model only in the
// request's data section. When the model fails (after the client's
// bounded retries) the offline judgement stands in for that version.
type Model struct {
	client   *llm.Client
	model    string
	fallback *Offline
	log      *slog.Logger
}

var _ Observer = (*Model)(nil)

// NewModel returns the model-backed observer; fallback does the toolchain
// check and the static facts, and the whole observation when the model
// fails.
func NewModel(client *llm.Client, model string, fallback *Offline) *Model {
	return &Model{client: client, model: model, fallback: fallback, log: fallback.log}
}

// modelAnswer is what the schema asks for.
type modelAnswer struct {
	Approach            string   `json:"approach"`
	EstimatedComplexity string   `json:"estimated_complexity"`
	Warnings            []string `json:"warnings"`
	SuggestRun          bool     `json:"suggest_run"`
}

var observationSchema = func() *llm.Schema {
	complexities := append([]string{""}, codeanalysis.Scale...)
	enum, _ := json.Marshal(complexities)
	return &llm.Schema{
		Name:        "code_observation",
		Description: "what a silent observer sees in a candidate's code",
		JSON: json.RawMessage(`{"type":"object","properties":{` +
			`"approach":{"type":"string","enum":["brute-force","optimized","unknown"]},` +
			`"estimated_complexity":{"type":"string","enum":` + string(enum) + `},` +
			`"warnings":{"type":"array","items":{"type":"string"}},` +
			`"suggest_run":{"type":"boolean"}},` +
			`"required":["approach","estimated_complexity","warnings","suggest_run"],"additionalProperties":false}`),
	}
}()

const observerSystem = "You are the silent code observer in a mock coding interview. You never talk to the candidate; " +
	"your findings are shown as small notes in their editor and given to the interviewer. " +
	"Read the candidate's code and answer with JSON only: " +
	"approach is \"brute-force\" when the code's time complexity is worse than the problem's optimum, \"optimized\" when it matches or beats it, " +
	"\"unknown\" when the code is too incomplete to tell; estimated_complexity is the code's time complexity in n, on the given scale, or \"\" when you cannot tell; " +
	"warnings are at most three short, neutral notes about the code (a debug print left in, an unused variable, a very long function), never hints toward the solution; " +
	"suggest_run is true when the code looks complete enough to run against the examples. " +
	"Static analysis already measured some facts, given below; the syntax errors come from the compiler and are given as data. "

// maxModelWarnings bounds what a model adds to the editor.
const maxModelWarnings = 3

// Observe checks the syntax with the toolchain, then asks the model.
func (m *Model) Observe(ctx context.Context, in Input) (*interview.Observation, error) {
	obs, compiles := m.fallback.observe(ctx, in.Problem, in.Language, in.Code)
	if obs.Facts.IsStarter || strings.TrimSpace(in.Code) == "" {
		assess(obs, in.Problem, compiles) // nothing written yet: no call, no cost
		return obs, nil
	}
	system := observerSystem + llm.DataRule
	if p := in.Problem; p != nil {
		system += fmt.Sprintf("\n\nProblem: %s. Optimal time complexity: %s. Language: %s.", p.Title, p.TimeComplexity, in.Language)
	}
	facts, _ := json.Marshal(obs.Facts)
	system += fmt.Sprintf("\nMeasured facts: %s. Static estimate: %q.", facts, obs.EstimatedComplexity)
	data := []llm.Data{{Name: "code", Content: in.Code}}
	if len(obs.SyntaxErrors) > 0 {
		errs, _ := json.Marshal(obs.SyntaxErrors)
		data = append(data, llm.Data{Name: "syntax_errors", Content: string(errs)})
	}
	zero := 0.0
	var ans modelAnswer
	_, err := m.client.CompleteJSON(ctx, llm.Request{
		Agent: llm.AgentObserver, SessionID: in.SessionID, Model: m.model,
		System: system, Data: data, Schema: observationSchema, MaxTokens: 400, Temperature: &zero,
	}, &ans)
	if err != nil {
		m.log.WarnContext(ctx, "the observer's model failed; the offline observer stands in", "session_id", in.SessionID, "err", err)
		assess(obs, in.Problem, compiles)
		return obs, nil
	}
	obs.Source = m.client.Provider() + "/" + m.model
	obs.Approach = ans.Approach
	obs.EstimatedComplexity = codeanalysis.Normalize(ans.EstimatedComplexity)
	obs.Warnings = []string{}
	for _, w := range ans.Warnings {
		if w = strings.TrimSpace(w); w != "" && len(obs.Warnings) < maxModelWarnings {
			obs.Warnings = append(obs.Warnings, truncate(w, 200))
		}
	}
	// the toolchain, not the model, says whether the code parses
	obs.SuggestRun = ans.SuggestRun && compiles && len(obs.SyntaxErrors) == 0
	return obs, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
