package evaluator

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mockroom/mockroom/agents/codeanalysis"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/growth"
)

// Name is what an offline evaluation says in Evaluator.
const Name = "offline"

// Recommendation bands on the overall score (docs/agents.md, "Evaluator").
// strong-yes and yes also need a submit that passed every test: a
// recommendation to hire rests on working code, however well they talked.
const (
	BandStrongYes = 85.0
	BandYes       = 70.0
	BandMaybe     = 50.0
)

// minWords is how many meaningful candidate words make a conversation
// worth scoring when the session has no code of its own either.
const minWords = 15

// fullVolume is how many meaningful words earn full credit for how the
// candidate talked; below it the communication score scales down.
const fullVolume = 60.0

// Offline is the evaluator with no model: deterministic, from measured
// signals only. Its zero value is ready.
type Offline struct{}

var _ evaluation.Evaluator = (*Offline)(nil)

// NewOffline returns the offline evaluator.
func NewOffline() *Offline { return &Offline{} }

// Evaluate never fails on valid input.
func (o *Offline) Evaluate(_ context.Context, in evaluation.Input) (*evaluation.Evaluation, error) {
	m := measure(in)
	b := &builder{in: in, m: m}
	e := &evaluation.Evaluation{
		SessionID: in.SessionID,
		Dimensions: []evaluation.Dimension{
			b.problemSolving(), b.codeQuality(), b.communication(), b.efficiency(),
		},
		Signals:   m.sig,
		Evaluator: Name,
	}
	e.Strengths, e.Improvements = b.strengths, b.improvements
	e.OverallScore = evaluation.Weighted(e.Dimensions)
	e.Recommendation = recommend(e, m.sig)
	e.Normalize()
	e.Report = Report(e, in.Problem)
	return e, nil
}

// recommend bands the overall score; too little scored is insufficient
// evidence rather than a guess.
func recommend(e *evaluation.Evaluation, sig evaluation.Signals) string {
	scored := 0
	var ps *float64
	for _, d := range e.Dimensions {
		if d.Score != nil {
			scored++
		}
		if d.Key == evaluation.ProblemSolving {
			ps = d.Score
		}
	}
	if e.OverallScore == nil || scored < 2 || ps == nil {
		return evaluation.InsufficientEvidence
	}
	s := *e.OverallScore
	switch {
	case s >= BandStrongYes && sig.Accepted:
		return evaluation.StrongYes
	case s >= BandYes && sig.Accepted:
		return evaluation.Yes
	case s >= BandMaybe:
		return evaluation.Maybe
	}
	return evaluation.No
}

// builder scores the dimensions and collects findings as it goes, each
// with the evidence it rests on.
type builder struct {
	in                      evaluation.Input
	m                       *measured
	strengths, improvements []evaluation.Finding
}

func (b *builder) strength(text string, ev ...evaluation.Evidence) {
	b.strengths = append(b.strengths, evaluation.Finding{Text: text, Evidence: ev})
}

func (b *builder) improve(text string, ev ...evaluation.Evidence) {
	b.improvements = append(b.improvements, evaluation.Finding{Text: text, Evidence: ev})
}

func score(v float64) *float64 {
	v = math.Round(math.Max(0, math.Min(100, v)))
	return &v
}

func dim(key string) evaluation.Dimension {
	return evaluation.Dimension{Key: key, Weight: evaluation.Weights[key]}
}

func signalEv(name string, value any) evaluation.Evidence {
	return evaluation.Evidence{Kind: "signal", Ref: name, Quote: fmt.Sprint(value)}
}

func (b *builder) lineEv(s speech) evaluation.Evidence {
	return evaluation.Evidence{Kind: "transcript", TMS: s.tms, Ref: b.in.LineRef(s.index), Quote: quote(s.text)}
}

func (b *builder) runEv(i int) evaluation.Evidence {
	r := b.in.Runs[i]
	return evaluation.Evidence{Kind: "run", TMS: r.TMS, Ref: strconv.Itoa(i), Quote: verdictText(r.Report)}
}

// codeEv points at the final code, quoting the first line that matches
// pick (or its first line of substance).
func (b *builder) codeEv(pick func(string) bool) evaluation.Evidence {
	line := ""
	for _, l := range strings.Split(b.m.code, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if (pick == nil && !isComment(t) && !isHeader(t)) || (pick != nil && pick(t)) {
			line = t
			break
		}
	}
	if b.m.finalSnapshot >= 0 {
		return evaluation.Evidence{Kind: "snapshot", TMS: b.m.finalMS, Ref: strconv.Itoa(b.m.finalSnapshot), Quote: quote(line)}
	}
	// the final code is that of the last run
	tms, ref := int64(0), ""
	for i, r := range b.in.Recording.Runs {
		if r.Code == b.m.code {
			tms, ref = r.TMS, strconv.Itoa(i)
		}
	}
	return evaluation.Evidence{Kind: "run", TMS: tms, Ref: ref, Quote: quote(line)}
}

// isComment: a quote of the code never repeats a comment (which may be
// written at the evaluator).
func isComment(t string) bool {
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*")
}

// isHeader: a line that only opens a class or function says nothing
// about the code worth quoting.
func isHeader(t string) bool {
	for _, p := range []string{"class ", "def ", "function ", "func ", "public ", "private ", "static ", "import ", "package ",
		"#include", "using ", "/**", "@", "{", "}", "var ", "export "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func isLoop(t string) bool {
	for _, p := range []string{"for ", "for(", "while ", "while(", "foreach"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return strings.Contains(t, " for ") && strings.Contains(t, " in ") // a comprehension
}

func insufficient(d evaluation.Dimension, why string) evaluation.Dimension {
	d.Feedback = "Insufficient evidence: " + why
	return d
}

func (b *builder) problemSolving() evaluation.Dimension {
	d, m, sig := dim(evaluation.ProblemSolving), b.m, b.m.sig
	if !m.meaningfulCode {
		d.Evidence = []evaluation.Evidence{signalEv("final_code_lines", sig.FinalCodeLines)}
		return insufficient(d, "no code beyond the starter was written, so there is nothing to judge the solution by.")
	}
	var s float64
	var fb []string
	switch {
	case m.lastReport == nil:
		s = 20
		fb = append(fb, "The code was never run, so nothing shows that it works.")
		d.Evidence = append(d.Evidence, signalEv("runs", 0), b.codeEv(nil))
		b.improve("Run your code against the examples before you finish: the session ended with code that was never run.", signalEv("runs", 0))
	case !m.compiles:
		s = 5
		fb = append(fb, fmt.Sprintf("The last %s did not compile.", m.lastReport.Mode))
		d.Evidence = append(d.Evidence, b.runEv(m.lastRun))
		b.improve("Your final code does not compile; get a version that runs before optimising or polishing.", b.runEv(m.lastRun))
	default:
		frac := 0.0
		if sig.TestsTotal > 0 {
			frac = float64(sig.TestsPassed) / float64(sig.TestsTotal)
		}
		d.Evidence = append(d.Evidence, b.runEv(m.lastRun))
		switch {
		case sig.Accepted:
			s = 85
			fb = append(fb, fmt.Sprintf("Your final submit passed every test (%d/%d).", sig.TestsPassed, sig.TestsTotal))
			b.strength(fmt.Sprintf("A correct solution: your final submit passed all %d tests.", sig.TestsTotal), b.runEv(m.lastRun))
		case sig.Submitted:
			s = 60 * frac
			fb = append(fb, fmt.Sprintf("Your last submit passed %d of %d tests (%s).", sig.TestsPassed, sig.TestsTotal, m.lastReport.Status))
			advice := "Trace a failing case by hand before resubmitting."
			if ff := firstFailure(m.lastReport); ff == string(judge.TimeLimit) {
				advice = "It is too slow for the largest inputs: look for an approach with a better complexity."
			}
			b.improve(fmt.Sprintf("Your last submit passed %d of %d tests; the first failure was %s. %s",
				sig.TestsPassed, sig.TestsTotal, firstFailure(m.lastReport), advice), b.runEv(m.lastRun))
		default:
			s = 55 * frac
			fb = append(fb, fmt.Sprintf("You never submitted; your last run passed %d of %d examples.", sig.TestsPassed, sig.TestsTotal))
			b.improve("You never submitted, so the hidden tests never judged your solution.", b.runEv(m.lastRun), signalEv("submits", 0))
		}
		if sig.Accepted && sig.DurationMinutes > 0 {
			// Time: when the accepted submit came, against the planned length.
			at, planned := b.in.Runs[m.lastRun].TMS, int64(sig.DurationMinutes)*60000
			switch {
			case at <= planned/2:
				// already in the score through the tests; said, not counted twice
				when := fmt.Sprintf("%d minutes", at/60000)
				if at < 2*60000 {
					when = "under two minutes"
				}
				b.strength(fmt.Sprintf("You had an accepted solution %s into a %d-minute interview.", when, sig.DurationMinutes),
					b.runEv(m.lastRun), signalEv("duration_minutes", sig.DurationMinutes))
			case at > planned:
				s -= 5
				b.improve(fmt.Sprintf("Your accepted submit came after the planned %d minutes; aim to have a working solution with time to spare.", sig.DurationMinutes),
					b.runEv(m.lastRun), signalEv("duration_minutes", sig.DurationMinutes))
			}
		}
		if sig.Submitted && m.ranBeforeSubmit {
			s += 10
			fb = append(fb, "You ran the examples before submitting.")
			first := slices.IndexFunc(b.in.Runs, func(r evaluation.JudgedRun) bool { return r.Mode == string(judge.ModeRun) })
			b.strength("You checked your code on the examples before submitting.", b.runEv(first))
		}
		if sig.TestingDiscussed {
			s += 5
		}
	}
	if sig.HintsAvailable > 0 && sig.HintsUsed > 0 {
		s -= 25 * float64(min(sig.HintsUsed, sig.HintsAvailable)) / float64(sig.HintsAvailable)
		fb = append(fb, fmt.Sprintf("You used %d of %d hints.", sig.HintsUsed, sig.HintsAvailable))
		d.Evidence = append(d.Evidence, signalEv("hints_used", sig.HintsUsed))
		if sig.HintsUsed*2 > sig.HintsAvailable {
			b.improve(fmt.Sprintf("You needed %d of the %d hints; practise this pattern until you can find the key idea yourself.", sig.HintsUsed, sig.HintsAvailable),
				signalEv("hints_used", sig.HintsUsed))
		}
	} else if sig.Accepted && sig.HintsAvailable > 0 {
		b.strength("You solved it without any hint.", signalEv("hints_used", 0))
	}
	d.Score = score(s)
	d.Feedback = strings.Join(fb, " ")
	return d
}

func firstFailure(r *judge.Report) string {
	if r.Hidden != nil && r.Hidden.FirstFailure != "" {
		return string(r.Hidden.FirstFailure)
	}
	for _, t := range r.Tests {
		if t.Verdict != judge.Accepted {
			return string(t.Verdict)
		}
	}
	return string(r.Status)
}

func (b *builder) codeQuality() evaluation.Dimension {
	d, m := dim(evaluation.CodeQuality), b.m
	if !m.meaningfulCode {
		return insufficient(d, "no code beyond the starter to read.")
	}
	f := m.analysis.Facts
	var s float64
	var fb []string
	switch {
	case m.lastReport == nil:
		s = 60
		fb = append(fb, "Never run, so whether it even compiles is unknown.")
	case !m.compiles:
		s = 25
		fb = append(fb, "The final code does not compile.")
	case m.sig.Accepted:
		s = 90
	case m.sig.TestsTotal > 0 && m.sig.TestsPassed*2 >= m.sig.TestsTotal:
		s = 80
	default:
		s = 70
	}
	d.Evidence = append(d.Evidence, b.codeEv(nil), signalEv("final_code_lines", f.Lines))
	if f.DebugPrints > 0 {
		s -= float64(4 * min(f.DebugPrints, 3))
		fb = append(fb, fmt.Sprintf("%d debug print(s) left in the final code.", f.DebugPrints))
		b.improve("Remove debug prints from the code you hand in.", b.codeEv(isPrint), signalEv("debug_prints", f.DebugPrints))
	}
	switch {
	case f.LongestFuncLen > 40:
		s -= 15
		fb = append(fb, fmt.Sprintf("The longest function is %d lines; split it into named helpers.", f.LongestFuncLen))
		b.improve(fmt.Sprintf("Your longest function is %d lines long; smaller named helpers would make it easier to follow.", f.LongestFuncLen),
			signalEv("longest_function_lines", f.LongestFuncLen))
	case f.LongestFuncLen > 25:
		s -= 6
		fb = append(fb, fmt.Sprintf("The longest function is %d lines.", f.LongestFuncLen))
	}
	if m.names > 0 && m.shortNames*4 > m.names {
		s -= 10
		fb = append(fb, fmt.Sprintf("%d of %d names are single letters that say nothing of what they hold.", m.shortNames, m.names))
		b.improve("Name variables for what they hold; many are single letters.", b.codeEv(nil), signalEv("single_letter_names", m.shortNames))
	} else if m.shortNames > 0 {
		s -= 3
	}
	if m.deadCode > 0 {
		s -= float64(4 * min(m.deadCode, 3))
		fb = append(fb, fmt.Sprintf("%d line(s) of commented-out code.", m.deadCode))
		b.improve("Delete commented-out code before you finish.", b.codeEv(func(t string) bool {
			return (strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//")) && reCodeLike.MatchString(strings.TrimLeft(t, "#/ "))
		}), signalEv("commented_out_lines", m.deadCode))
	}
	if s >= 80 && f.DebugPrints == 0 && m.deadCode == 0 {
		b.strength("Clean final code: no debug output or dead code, functions of a readable size.", b.codeEv(nil), signalEv("longest_function_lines", f.LongestFuncLen))
	}
	if len(fb) == 0 {
		fb = append(fb, fmt.Sprintf("Readable: %d lines, longest function %d lines, no debug prints or dead code.", f.Lines, f.LongestFuncLen))
	}
	d.Score = score(s)
	d.Feedback = strings.Join(fb, " ")
	return d
}

func isPrint(t string) bool {
	for _, p := range []string{"print(", "console.log", "System.out.print", "fmt.Print", "println(", "cout", "printf"} {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

func (b *builder) communication() evaluation.Dimension {
	d, m, sig := dim(evaluation.Communication), b.m, b.m.sig
	if sig.CandidateWords < minWords && !m.meaningfulCode {
		d.Evidence = []evaluation.Evidence{signalEv("candidate_words", sig.CandidateWords)}
		return insufficient(d, fmt.Sprintf("the candidate said %d meaningful words and wrote no code.", sig.CandidateWords))
	}
	var fb []string
	s := 30 * math.Min(float64(sig.CandidateWords)/150, 1)
	s += 20 * float64(m.quarters) / 4
	s += 7.5 * float64(min(sig.ClarifyingQuestions, 2))
	d.Evidence = append(d.Evidence, signalEv("candidate_words", sig.CandidateWords))
	fb = append(fb, fmt.Sprintf("%d meaningful words in %d messages, in %d of 4 quarters of the session.", sig.CandidateWords, sig.CandidateMessages, m.quarters))
	if sig.CandidateWords < 40 {
		b.improve(fmt.Sprintf("Think aloud: you said %d meaningful words in the whole session, so the interviewer could not follow your reasoning.", sig.CandidateWords),
			signalEv("candidate_words", sig.CandidateWords), signalEv("duration_seconds", sig.DurationSeconds))
	} else if m.quarters >= 3 {
		b.strength("You thought aloud throughout the session.", signalEv("candidate_words", sig.CandidateWords), b.lineEv(m.speech[0]))
	}
	if q := b.first(func(s speech) bool { return s.question }); q != nil {
		b.strength("You asked clarifying questions before coding.", b.lineEv(*q))
		d.Evidence = append(d.Evidence, b.lineEv(*q))
	} else if m.meaningfulCode {
		b.improve("Ask about the input (size, duplicates, empty input) before you start coding.", signalEv("clarifying_questions", 0))
	}
	if m.planBeforeCode {
		s += 10
	}
	if c := b.first(func(s speech) bool { return s.complexity }); c != nil {
		s += 15
		fb = append(fb, "You discussed complexity.")
		b.strength("You analysed the time and space complexity out loud.", b.lineEv(*c))
		d.Evidence = append(d.Evidence, b.lineEv(*c))
	} else {
		fb = append(fb, "Complexity was never discussed.")
		b.improve("State the time and space complexity of your solution before you wrap up.", signalEv("complexity_discussed", false))
	}
	if t := b.first(func(s speech) bool { return s.testing }); t != nil {
		s += 10
		fb = append(fb, "You talked through testing.")
		b.strength("You talked through test cases and edge cases.", b.lineEv(*t))
		d.Evidence = append(d.Evidence, b.lineEv(*t))
	} else if m.meaningfulCode {
		b.improve("Walk through a test case or an edge case aloud before submitting.", signalEv("testing_discussed", false))
	}
	// Thinking aloud takes words: a few scattered ones earn little of the rest.
	s *= math.Min(1, float64(sig.CandidateWords)/fullVolume)
	if sig.CandidateMessages > 0 && sig.CandidateWords/sig.CandidateMessages > 70 {
		s -= 15
		fb = append(fb, "Long monologues: shorter messages that check in with the interviewer land better.")
		long := b.first(func(s speech) bool { return s.words > 70 })
		b.improve("Keep explanations focused; several messages ran past 70 words.", b.lineEv(*long))
	}
	d.Score = score(s)
	d.Feedback = strings.Join(fb, " ")
	return d
}

func (b *builder) first(pred func(speech) bool) *speech {
	for i := range b.m.speech {
		if pred(b.m.speech[i]) {
			return &b.m.speech[i]
		}
	}
	return nil
}

// technique names how the optimum is usually reached, from the problem's
// categories only (never from its reference solution).
func technique(categories []string) string {
	for _, c := range []struct{ cat, phrase string }{
		{"Sliding Window", "a sliding window"}, {"Two Pointers", "two pointers"}, {"Bucket Sort", "bucket counting"},
		{"Binary Search", "binary search"}, {"Stack", "a stack"}, {"Dynamic Programming", "dynamic programming"},
		{"Hash Table", "a hash map"}, {"Heap (Priority Queue)", "a heap"},
	} {
		if slices.Contains(categories, c.cat) {
			return c.phrase
		}
	}
	return ""
}

func (b *builder) efficiency() evaluation.Dimension {
	d, m, sig := dim(evaluation.Efficiency), b.m, b.m.sig
	if !m.meaningfulCode {
		return insufficient(d, "no code beyond the starter to measure.")
	}
	correct := 0.5 // never run: unknown
	switch {
	case m.lastReport == nil:
	case !m.compiles:
		correct = 0
	case sig.TestsTotal > 0:
		correct = float64(sig.TestsPassed) / float64(sig.TestsTotal)
	}
	if d, ok := b.measuredEfficiency(d); ok {
		return d
	}
	final, opt := sig.FinalComplexity, codeanalysis.Normalize(sig.OptimalComplexity)
	c, ok := codeanalysis.Compare(final, opt)
	ev := b.codeEv(nil)
	d.Evidence = append(d.Evidence, ev, signalEv("final_complexity", orUnknown(final)), signalEv("optimal_complexity", orUnknown(sig.OptimalComplexity)))
	var base float64
	var fb string
	switch {
	case !m.compiles && m.lastReport != nil:
		d.Score = score(0)
		d.Feedback = "The final code does not compile, so it has no running time to measure."
		return d
	case ok && c > 0 && sig.Accepted:
		// The static reading can be wrong; a solution that passed every
		// test within the time limits was measured, so the reading makes
		// no claim against it.
		base = 80
		fb = fmt.Sprintf("The static reading estimates %s against an optimum of %s, but the solution passed every test within the time limits.", final, opt)
	case !ok && sig.Accepted:
		base = 75
		fb = "The complexity could not be placed on the scale; the solution passed every test within the time limits."
	case !ok:
		base = 50
		fb = "The complexity could not be estimated from the code."
	case c <= 0:
		base = 95
		fb = fmt.Sprintf("Your final solution is %s, the optimum for this problem.", final)
		if correct == 1 {
			b.strength(fmt.Sprintf("An optimal solution: %s.", final), ev, signalEv("final_complexity", final))
		}
	default:
		steps := slices.Index(codeanalysis.Scale, codeanalysis.Normalize(final)) - slices.Index(codeanalysis.Scale, opt)
		base = 55
		if steps > 1 {
			base = 30
		}
		fb = fmt.Sprintf("Your final solution is %s; the optimum is %s", final, opt)
		if b.in.Problem != nil {
			if t := technique(b.in.Problem.Categories); t != "" {
				fb += " with " + t
			}
		}
		fb += "."
		b.improve(fb, b.codeEv(isLoop), signalEv("final_complexity", final), signalEv("optimal_complexity", opt))
	}
	if m.lastReport != nil && m.lastReport.Status == judge.TimeLimit {
		base = math.Min(base, 40)
		fb += " The judge stopped it at the time limit."
	}
	// The speed of a wrong answer is worth little: below full marks on the
	// tests, efficiency counts at most half, in proportion to the tests passed.
	s := base
	if !sig.Accepted {
		s = base * 0.5 * correct
		fb += " Efficiency counts for less while the solution is not correct."
	}
	d.Score = score(s)
	d.Feedback = fb
	return d
}

// measuredEfficiency scores efficiency from the efficiency probe, when it
// timed the accepted final solution: a measurement outranks the static
// reading of the code.
func (b *builder) measuredEfficiency(d evaluation.Dimension) (evaluation.Dimension, bool) {
	sig := b.m.sig
	r := b.in.Efficiency
	if r == nil || !sig.Accepted || sig.MeasuredComplexity == "" {
		return d, false
	}
	ev := signalEv("measured_complexity", sig.MeasuredGrowth)
	d.Evidence = append(d.Evidence, ev, signalEv("optimal_complexity", orUnknown(sig.OptimalComplexity)))
	var base float64
	switch r.Verdict {
	case growth.Optimal, growth.Better:
		base = 95
		d.Feedback = fmt.Sprintf("Timed on growing inputs, your solution %s: it grows like the optimum.", strings.TrimPrefix(r.Summary, "your solution "))
		b.strength(fmt.Sprintf("Measured optimal growth: %s.", sig.MeasuredComplexity), ev)
	case growth.Worse:
		base = 55
		if growth.Tier(r.Class)-growth.Tier(r.Optimum) > 1 {
			base = 30
		}
		if r.StoppedAt > 0 {
			base = math.Min(base, 40)
		}
		d.Feedback = fmt.Sprintf("Timed on growing inputs, %s.", r.Summary)
		b.improve(fmt.Sprintf("Your accepted solution grows like %s, faster than the optimum %s: it passed the tests, but it would not scale.", sig.MeasuredComplexity, growth.Label(r.Optimum)), ev)
	default:
		return d, false
	}
	d.Score = score(base)
	return d, true
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
