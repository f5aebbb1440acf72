// Package observer holds the code observer (seed section 3, agent 2): it
// looks at each version of the candidate's code when they pause, and says
// what it sees as data: syntax errors from the language's own toolchain,
// warnings, the approach and an estimated complexity, and whether the code
// looks ready to run. Its findings reach the editor as markers and the
// interviewer as a code.observed event; it never speaks in the
// conversation itself.
//
// Offline works with no model: static analysis (agents/codeanalysis) plus
// the toolchain check. Model asks a language model for the judgement parts
// and keeps the toolchain's syntax errors. Service consumes code.edited,
// debounces, caches by hash and delivers the result.
package observer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"

	"github.com/mockroom/mockroom/agents/codeanalysis"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
)

// Observer looks at one version of the code.
type Observer interface {
	Observe(ctx context.Context, in Input) (*interview.Observation, error)
}

// Input is one version of a session's code. Problem may be nil when it is
// unknown: then compiled languages get no syntax check and there is no
// optimum to compare with.
type Input struct {
	SessionID string // for the model's call records; "" when there is none
	Problem   *problem.Problem
	Language  string
	Code      string
}

// LongFunctionLines is the length past which a function earns a warning.
const LongFunctionLines = 60

// Offline is the observer with no model: the toolchain for syntax, static
// analysis for the rest. It is deterministic for given code.
type Offline struct {
	syntax *SyntaxChecker // nil: no syntax check (no sandbox)
	log    *slog.Logger
}

var _ Observer = (*Offline)(nil)

// NewOffline returns the offline observer. syntax may be nil.
func NewOffline(syntax *SyntaxChecker, log *slog.Logger) *Offline {
	if log == nil {
		log = slog.Default()
	}
	return &Offline{syntax: syntax, log: log}
}

// Hash is the cache key of a version of code: sha256, hex.
func Hash(code string) string {
	h := sha256.Sum256([]byte(code))
	return hex.EncodeToString(h[:])
}

// Observe checks and reads code. A toolchain that cannot be reached leaves
// the syntax unchecked (and suggest_run false), never an error: the rest
// of the observation still holds.
func (o *Offline) Observe(ctx context.Context, in Input) (*interview.Observation, error) {
	obs, compiles := o.observe(ctx, in.Problem, in.Language, in.Code)
	assess(obs, in.Problem, compiles)
	return obs, nil
}

// observe fills what does not need judgement: the hash, the facts and the
// toolchain's syntax errors. compiles is true only when the toolchain
// checked the code and accepted it.
func (o *Offline) observe(ctx context.Context, p *problem.Problem, language, code string) (*interview.Observation, bool) {
	starter := ""
	if p != nil {
		starter = p.StarterCode[language]
	}
	a := codeanalysis.Analyze(language, code, starter)
	obs := &interview.Observation{
		CodeHash: Hash(code), Language: language, Source: "offline",
		SyntaxErrors: []interview.SyntaxError{}, Warnings: []string{},
		Approach: interview.ApproachUnknown, Facts: a.Facts,
	}
	if !a.Facts.IsStarter && strings.TrimSpace(code) != "" {
		obs.EstimatedComplexity = a.Complexity
	}
	compiles := false
	if o.syntax != nil && strings.TrimSpace(code) != "" {
		errs, ok, err := o.syntax.CheckProgram(ctx, p, language, code)
		if err != nil {
			o.log.WarnContext(ctx, "the observer's syntax check failed", "language", language, "err", err)
		} else {
			compiles = ok
			if errs != nil {
				obs.SyntaxErrors = errs
			}
		}
	}
	return obs, compiles
}

// assess fills the offline judgement: approach against the problem's
// optimum, warnings, and whether to suggest a run.
func assess(obs *interview.Observation, p *problem.Problem, compiles bool) {
	f := obs.Facts
	if len(obs.SyntaxErrors) > 0 {
		// code that does not parse cannot be read reliably either
		obs.EstimatedComplexity = ""
	}
	if p != nil && obs.EstimatedComplexity != "" {
		obs.Approach = codeanalysis.Approach(obs.EstimatedComplexity, p.TimeComplexity)
	}
	obs.Warnings = warnings(f)
	obs.SuggestRun = compiles && len(obs.SyntaxErrors) == 0 && !f.IsStarter && f.Lines > 0
}

func warnings(f interview.CodeFacts) []string {
	w := []string{}
	if f.IsStarter {
		w = append(w, "The code is still the starter code.")
	}
	switch {
	case f.DebugPrints == 1:
		w = append(w, "There is a debug print left in the code.")
	case f.DebugPrints > 1:
		w = append(w, fmt.Sprintf("There are %d debug prints left in the code.", f.DebugPrints))
	}
	if f.LongestFuncLen > LongFunctionLines {
		w = append(w, fmt.Sprintf("The longest function is %d lines; splitting it would make it easier to follow.", f.LongestFuncLen))
	}
	return w
}
