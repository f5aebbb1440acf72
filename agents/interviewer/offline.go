// Package interviewer holds the interviewer agent. Offline is the built-in,
// deterministic engine that works with no model or key: it greets, hands out
// the problem's progressive hints and answers with rule-based prompts that
// keep a candidate talking the way a real interviewer would.
package interviewer

import (
	"context"
	"fmt"
	"strings"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
)

// Offline is the rule-based interviewer.
type Offline struct{}

var _ interview.Interviewer = Offline{}

// Greeting opens the interview.
func (Offline) Greeting(_ context.Context, p *problem.Problem, s *interview.Session) (string, error) {
	return greeting(p, s), nil
}

func greeting(p *problem.Problem, s *interview.Session) string {
	article := "a"
	if strings.HasPrefix(p.Difficulty, "e") {
		article = "an"
	}
	return fmt.Sprintf("Hi, I'm your interviewer today. We have %d minutes for %q, %s %s problem. "+
		"Take a minute to read it, then tell me how you understand it and any questions about the input. "+
		"Think out loud as you go — I care about your reasoning as much as the code. Run your code against the examples whenever you like, and submit when you're confident.",
		s.DurationMinutes, p.Title, article, p.Difficulty)
}

// rule maps words in the candidate's message to a follow-up.
type rule struct {
	words []string
	reply func(p *problem.Problem) string
}

var rules = []rule{
	{[]string{"complexity", "big o", "big-o", "o(n", "o(1", "o(log", "runtime", "space"}, func(p *problem.Problem) string {
		return "Good — let's pin that down. What is the time complexity of your approach in the worst case, and how much extra space does it use? Could either be better?"
	}},
	{[]string{"stuck", "no idea", "not sure", "don't know", "dont know", "help", "hint"}, func(p *problem.Problem) string {
		return "That's fine — let's step back. Try a tiny example by hand and describe what you do at each step. If you're still stuck, the Hint button gives you a nudge (it's noted in the report, but a hint beats silence)."
	}},
	{[]string{"brute", "naive", "nested loop", "every pair", "all pairs"}, func(p *problem.Problem) string {
		return "A brute force is a fine place to start. What would it cost on the largest input? What repeated work could you avoid with a better data structure?"
	}},
	{[]string{"edge", "empty", "null", "negative", "duplicate", "overflow", "corner"}, func(p *problem.Problem) string {
		return "Good instinct. Which edge cases does your code handle today, and which would break it? Consider adding a custom input to check one."
	}},
	{[]string{"done", "finished", "works", "passes", "passed", "ready", "submit"}, func(p *problem.Problem) string {
		return "Nice. Before you submit: walk me through one example with your code, then tell me the time and space complexity and any input that worries you."
	}},
	{[]string{"test", "example", "run"}, func(p *problem.Problem) string {
		return "Running the examples is a good check. If one fails, compare expected and actual and tell me what you think went wrong before changing code."
	}},
	{[]string{"hash", "map", "dictionary", "set", "stack", "queue", "heap", "two pointer", "binary search", "dp", "dynamic", "bfs", "dfs", "sort", "sorting", "recursion", "memo", "memoize"}, func(p *problem.Problem) string {
		return "That could work. Why does that structure fit this problem, and what does it cost per operation? Go ahead and sketch it in code."
	}},
}

// Reply answers a candidate's message, emitted whole: the rules take no time.
func (Offline) Reply(_ context.Context, t interview.Turn, emit func(delta string)) (string, error) {
	text := reply(t.Problem, t.History, t.Message)
	emit(text)
	return text, nil
}

func reply(p *problem.Problem, history []interview.Transcript, message string) string {
	m := strings.ToLower(message)
	for _, r := range rules {
		for _, w := range r.words {
			if hasWord(m, w) {
				return r.reply(p)
			}
		}
	}
	if strings.HasSuffix(strings.TrimSpace(m), "?") {
		return "Good question. Assume the input follows the constraints in the statement; if something is ambiguous, state your assumption and go with it — that's what I'd expect in a real interview."
	}
	candidateTurns := 0
	for _, t := range history {
		if t.Speaker == interview.SpeakerCandidate {
			candidateTurns++
		}
	}
	if candidateTurns <= 1 {
		return "Thanks. What approach are you considering, and roughly what would it cost in time and space?"
	}
	return "Okay, keep going and keep talking me through it. What's the next step in your plan?"
}

// Hint introduces one of the problem's progressive hints.
func (Offline) Hint(_ context.Context, p *problem.Problem, n, total int, hint string) (string, error) {
	return fmt.Sprintf("Hint %d of %d: %s", n, total, hint), nil
}

// React comments on a run or submit the way an interviewer watching would.
func (Offline) React(_ context.Context, p *problem.Problem, s *interview.Session, r interview.ExecutionSummary, emit func(delta string)) (string, error) {
	text := react(r)
	emit(text)
	return text, nil
}

func react(r interview.ExecutionSummary) string {
	switch {
	case r.Status == "compile_error":
		return "There's a compile error. Read the message and the line it points to — what is the compiler telling you?"
	case r.Mode == "run" && r.Status == "accepted":
		return "The examples pass. Before you submit: which edge cases could the hidden tests try that the examples don't?"
	case r.Mode == "run":
		return "An example doesn't match yet. Walk me through that example with your code, step by step — where does it diverge?"
	case r.Status == "accepted":
		return fmt.Sprintf("All %d tests pass — nice work. What are the time and space complexity, and is there anything you'd improve?", r.Total)
	case r.Hidden != nil && r.Hidden.Verdicts["time_limit"] > 0:
		return fmt.Sprintf("%d of %d tests pass, but some ran out of time on large inputs. What's the complexity of your approach, and can you avoid repeated work?", r.Passed, r.Total)
	case r.Status == "runtime_error":
		return fmt.Sprintf("%d of %d tests pass; at least one crashes. Think about inputs that could index out of range or hit an empty or null case.", r.Passed, r.Total)
	default:
		return fmt.Sprintf("%d of %d tests pass. The failing ones are hidden — think about edge cases: empty input, duplicates, negatives, the largest values.", r.Passed, r.Total)
	}
}

// hasWord reports whether phrase occurs in m as whole words ("sort" is in
// "I'd sort it" but not in "unsorted").
func hasWord(m, phrase string) bool {
	isLetter := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }
	for i := 0; ; {
		j := strings.Index(m[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		before := start == 0 || !isLetter(m[start-1])
		after := end == len(m) || !isLetter(m[end]) || !isLetter(phrase[len(phrase)-1])
		if before && after {
			return true
		}
		i = start + 1
	}
}
