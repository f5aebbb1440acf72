package evaluator

import (
	"fmt"
	"strings"

	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/problem"
)

var dimensionTitles = map[string]string{
	evaluation.ProblemSolving: "Problem solving",
	evaluation.CodeQuality:    "Code quality",
	evaluation.Communication:  "Communication",
	evaluation.Efficiency:     "Efficiency",
}

// Report writes an evaluation as Markdown: the scores, the measured
// signals apart from the judgement, and every finding with its evidence.
func Report(e *evaluation.Evaluation, p *problem.Problem) string {
	var b strings.Builder
	title := "Interview evaluation"
	if p != nil && p.Title != "" {
		title += ": " + p.Title
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, "**Overall:** %s · **Recommendation:** %s · evaluator: %s\n\n", scoreText(e.OverallScore), e.Recommendation, e.Evaluator)
	b.WriteString("## Scores\n\n| dimension | weight | score | feedback |\n|---|---|---|---|\n")
	for _, d := range e.Dimensions {
		fmt.Fprintf(&b, "| %s | %.0f %% | %s | %s |\n", dimensionTitles[d.Key], d.Weight*100, scoreText(d.Score), cell(d.Feedback))
	}
	s := e.Signals
	b.WriteString("\n## Measured signals\n\n")
	fmt.Fprintf(&b, "- Tests passed: %d/%d (%s)\n", s.TestsPassed, s.TestsTotal, map[bool]string{true: "last submit", false: "last run, never submitted"}[s.Submitted])
	fmt.Fprintf(&b, "- Runs: %d, submits: %d, accepted: %t\n", s.Runs, s.Submits, s.Accepted)
	fmt.Fprintf(&b, "- Hints used: %d of %d\n", s.HintsUsed, s.HintsAvailable)
	fmt.Fprintf(&b, "- Time: %d min %02d s", s.DurationSeconds/60, s.DurationSeconds%60)
	if s.DurationMinutes > 0 {
		fmt.Fprintf(&b, " of %d min", s.DurationMinutes)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "- Complexity of the final code: %s (optimum %s)\n", orUnknown(s.FinalComplexity), orUnknown(s.OptimalComplexity))
	fmt.Fprintf(&b, "- Candidate: %d messages, %d words, %d clarifying questions; complexity discussed: %t; testing discussed: %t\n",
		s.CandidateMessages, s.CandidateWords, s.ClarifyingQuestions, s.ComplexityDiscussed, s.TestingDiscussed)
	for _, sec := range []struct {
		title string
		fs    []evaluation.Finding
	}{{"Strengths", e.Strengths}, {"To improve", e.Improvements}} {
		fmt.Fprintf(&b, "\n## %s\n\n", sec.title)
		if len(sec.fs) == 0 {
			b.WriteString("- None with enough evidence.\n")
		}
		for _, f := range sec.fs {
			fmt.Fprintf(&b, "- %s", f.Text)
			for _, ev := range f.Evidence {
				fmt.Fprintf(&b, " [%s]", evidenceText(ev))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func scoreText(s *float64) string {
	if s == nil {
		return "insufficient evidence"
	}
	return fmt.Sprintf("%.0f/100", *s)
}

func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func evidenceText(ev evaluation.Evidence) string {
	at := fmt.Sprintf("%d:%02d", ev.TMS/60000, ev.TMS/1000%60)
	switch ev.Kind {
	case "transcript":
		return fmt.Sprintf("%s, line %s: “%s”", at, ev.Ref, ev.Quote)
	case "run":
		return fmt.Sprintf("%s, run %s: %s", at, ev.Ref, ev.Quote)
	case "snapshot":
		return fmt.Sprintf("%s, code: `%s`", at, strings.ReplaceAll(ev.Quote, "`", "'"))
	}
	return fmt.Sprintf("measured %s = %s", ev.Ref, ev.Quote)
}
