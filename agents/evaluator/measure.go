// Package evaluator scores an ended interview (seed section 3, agent 3).
// Offline scores from measured signals only (the judge's verdicts, a static
// reading of the final code, counts over the transcript); Model asks a chat
// model for the judgement and keeps only what it can check. Both hold two
// rules: the overall score is evaluation.Weighted of the dimensions, and a
// claim without evidence is not made.
package evaluator

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mockroom/mockroom/agents/codeanalysis"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/growth"
)

// measured is what the offline evaluator reads off a session before any
// judgement: the signals, and where each came from so a claim can cite it.
type measured struct {
	sig      evaluation.Signals
	code     string
	analysis codeanalysis.Analysis
	// meaningfulCode: the final code is more than the starter.
	meaningfulCode  bool
	lastRun         int // index into in.Runs of the run the tests come from, -1 when none
	lastReport      *judge.Report
	compiles        bool // the last judged run compiled and loaded
	ranBeforeSubmit bool
	firstCodeMS     int64 // when the code first left the starter, -1 when never
	speech          []speech
	injected        []speech // candidate lines addressed to the evaluator, ignored
	quarters        int      // quarters of the session with candidate speech
	planBeforeCode  bool     // candidate words about the approach before the first code
	deadCode        int      // commented-out code lines
	shortNames      int      // one-letter names that are not loop indices
	names           int
	finalSnapshot   int // index of the snapshot the final code is, -1 when a run
	finalMS         int64
}

// speech is one meaningful candidate line.
type speech struct {
	index      int // into Recording.Transcript
	tms        int64
	text       string
	words      int
	question   bool
	complexity bool
	testing    bool
	approach   bool
}

var (
	reComplexity = regexp.MustCompile(`(?i)\bo\s*\(|complexity|\blinear\b|quadratic|logarithmic|\blog\s*n\b|\bn\s*squared\b|constant (time|space)`)
	reTesting    = regexp.MustCompile(`(?i)\btest|edge case|corner case|\bexample|\btrace|walk (through|it through)|dry[- ]run|\bempty\b|single element|\bnegative|duplicate`)
	reApproach   = regexp.MustCompile(`(?i)\b(approach|idea|plan|hash ?map|dictionary|hash ?set|two pointers?|sliding window|binary search|sort|stack|queue|heap|recurs|dfs|bfs|dynamic programming|memo|iterate|loop|pass)\b`)
	reClarify    = regexp.MustCompile(`(?i)^(can|could|is|are|do|does|will|should|what|how|may|might)\b|\b(assume|input size|duplicates?|negative|empty|constraint|sorted|unique|guaranteed)\b`)
	// Text written at the evaluator, not the interviewer: never counted,
	// never quoted as a strength (prompt injection changes nothing).
	reInjection = regexp.MustCompile(`(?i)(ignore|disregard|forget)\s+(all\s+|any\s+|the\s+)?(previous|prior|above|earlier|your)\s+(instructions|prompts?|rules)|\b(rate|score|grade|mark)\s+(this|me|it|the candidate)\b[^.]*\b(100|perfect|full marks|strong[- ]yes|10/10)|system prompt|you are now (the |an? )?(evaluator|grader|judge|assistant|ai|system|interviewer)|as an ai\b|\bstrong[- ]yes\b`)
	reWord      = regexp.MustCompile(`[A-Za-z']+`)
	reIdent     = regexp.MustCompile(`\b[A-Za-z_][A-Za-z0-9_]*\b`)
)

// common holds frequent English and interview words: a line whose words are
// mostly not among them (keyboard mashing) is not speech.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the i i'm i'll i've i'd we we'll let's let me my you your it it's its this that these those there here
	is are was were be been being am do does did doing done have has had will would can could should shall may might must
	and or but so if then else when while for of to in on at by with from into over under about as than not no yes ok okay
	what which who whom how why where all any each every some one two three first second next last also just only very
	think thinking guess maybe probably want need going go get got make use using used try trying see look looks check
	right wrong good fine sure great yeah yep hmm um uh well now like actually because since until again
	number numbers array arrays list lists string strings value values index indices element elements pair pairs target sum
	map hash set table key keys loop loops iterate iteration pass time space complexity linear quadratic log n o constant
	return returns result answer solution code function method variable input inputs output case cases edge test tests example
	examples empty null none duplicate duplicates negative sorted order count counts character characters char window pointer
	pointers left right start end middle mid binary search stack queue heap tree node nodes graph dp memo recursion recursive
	base call calls bigger smaller larger less more than equal size length each store stored seen found find complement
	approach idea plan brute force optimal better worse faster slower work works working done finished submit run running
	question questions assume assuming can clarify mean means expected overflow bound bounds off by`) {
		m[w] = true
	}
	return m
}()

// isSpeech tells words from mashing: enough of them are common words.
func isSpeech(words []string) bool {
	if len(words) == 0 {
		return false
	}
	known := 0
	for _, w := range words {
		if common[strings.ToLower(w)] {
			known++
		}
	}
	return float64(known)/float64(len(words)) >= 0.3
}

func measure(in evaluation.Input) *measured {
	rec := in.Recording
	m := &measured{lastRun: -1, firstCodeMS: -1, finalSnapshot: -1}
	p := in.Problem
	starter := ""
	if p != nil {
		starter = p.StarterCode[rec.Language]
		m.sig.HintsAvailable = len(p.Hints)
		m.sig.OptimalComplexity = p.TimeComplexity
	}
	m.sig.HintsUsed = rec.HintsUsed
	m.sig.DurationSeconds = rec.DurationSeconds
	m.sig.DurationMinutes = rec.DurationMinutes

	// The code: the final version and when it first left the starter.
	m.code = rec.FinalCode()
	for i, s := range rec.Snapshots {
		if s.Code == m.code && (s.Type == interview.SnapshotFinal || s.TMS >= m.finalMS) {
			m.finalSnapshot, m.finalMS = i, s.TMS
			if s.Type == interview.SnapshotFinal {
				break
			}
		}
	}
	for _, s := range rec.Snapshots {
		if (m.firstCodeMS < 0 || s.TMS < m.firstCodeMS) && strings.TrimSpace(s.Code) != "" &&
			!codeanalysis.Analyze(rec.Language, s.Code, starter).Facts.IsStarter {
			m.firstCodeMS = s.TMS
		}
	}
	for _, r := range rec.Runs {
		if m.firstCodeMS < 0 || r.TMS < m.firstCodeMS {
			m.firstCodeMS = r.TMS
		}
	}
	m.analysis = codeanalysis.Analyze(rec.Language, m.code, starter)
	m.sig.FinalCodeLines = m.analysis.Facts.Lines
	m.meaningfulCode = strings.TrimSpace(m.code) != "" && !m.analysis.Facts.IsStarter && newTokens(starter, m.code) >= minNewTokens
	if m.meaningfulCode {
		m.sig.FinalComplexity = m.analysis.Complexity
	}
	m.measureNames(rec.Language)
	if e := in.Efficiency; e != nil && e.Class != growth.Unmeasured && e.Class != "" {
		m.sig.MeasuredComplexity = growth.Label(e.Class)
		m.sig.MeasuredGrowth = e.Summary
		m.sig.MeasuredVerdict = string(e.Verdict)
	}

	// The judge's verdicts: the last submit, else the last run.
	lastSubmit := -1
	for i, r := range in.Runs {
		if r.Report == nil {
			continue
		}
		if r.Mode == string(judge.ModeSubmit) {
			m.sig.Submits++
			lastSubmit = i
		} else {
			m.sig.Runs++
			if lastSubmit < 0 {
				m.ranBeforeSubmit = true
			}
		}
		m.lastRun = i
	}
	if lastSubmit >= 0 {
		m.lastRun = lastSubmit
		m.sig.Submitted = true
	}
	if m.lastRun >= 0 {
		m.lastReport = in.Runs[m.lastRun].Report
		m.sig.TestsPassed, m.sig.TestsTotal = m.lastReport.Passed, m.lastReport.Total
		m.sig.Accepted = m.sig.Submitted && m.lastReport.Status == judge.Accepted
		m.compiles = m.lastReport.Status != judge.CompileErr && m.lastReport.CompileError == nil
	}

	// Code the judge ran is evidence however short it is.
	if !m.meaningfulCode && m.lastReport != nil {
		code := in.Runs[m.lastRun].Code
		m.meaningfulCode = strings.TrimSpace(code) != "" && !codeanalysis.Analyze(rec.Language, code, starter).Facts.IsStarter
	}

	// The conversation.
	spoke := map[int]bool{}
	dur := int64(rec.DurationSeconds) * 1000
	for _, l := range rec.Transcript {
		if l.TMS > dur {
			dur = l.TMS
		}
	}
	for i, l := range rec.Transcript {
		if l.Speaker != interview.SpeakerCandidate {
			continue
		}
		if reInjection.MatchString(l.Text) {
			m.injected = append(m.injected, speech{index: i, tms: l.TMS, text: l.Text})
			continue
		}
		words := reWord.FindAllString(l.Text, -1)
		if !isSpeech(words) {
			continue
		}
		before := m.firstCodeMS < 0 || l.TMS <= m.firstCodeMS
		// Testing is talked through once there is code to test: "can it be
		// empty?" before coding is a clarifying question.
		sp := speech{index: i, tms: l.TMS, text: l.Text, words: len(words),
			complexity: reComplexity.MatchString(l.Text), testing: !before && reTesting.MatchString(l.Text), approach: reApproach.MatchString(l.Text)}
		sp.question = before && strings.Contains(l.Text, "?") && reClarify.MatchString(strings.TrimSpace(l.Text))
		m.speech = append(m.speech, sp)
		m.sig.CandidateMessages++
		m.sig.CandidateWords += sp.words
		if sp.question {
			m.sig.ClarifyingQuestions++
		}
		m.sig.ComplexityDiscussed = m.sig.ComplexityDiscussed || sp.complexity
		m.sig.TestingDiscussed = m.sig.TestingDiscussed || sp.testing
		if before && sp.approach {
			m.planBeforeCode = true
		}
		if dur > 0 {
			q := int(4 * l.TMS / (dur + 1))
			spoke[min(q, 3)] = true
		}
	}
	m.quarters = len(spoke)
	return m
}

// minNewTokens is how many names and words the final code must add to the
// starter to be judged: a stray line is not a solution.
const minNewTokens = 8

// newTokens counts the names in code beyond those of the starter.
func newTokens(starter, code string) int {
	have := map[string]int{}
	for _, id := range reIdent.FindAllString(stripComments(starter), -1) {
		have[id]++
	}
	n := 0
	for _, id := range reIdent.FindAllString(stripComments(code), -1) {
		if have[id] > 0 {
			have[id]--
			continue
		}
		n++
	}
	return n
}

// measureNames counts the code's names, those of one letter that are not
// conventional indices, and commented-out code.
func (m *measured) measureNames(lang string) {
	code := stripComments(m.code)
	seen := map[string]bool{}
	for _, id := range reIdent.FindAllString(code, -1) {
		if keywords[id] || seen[id] {
			continue
		}
		seen[id] = true
		m.names++
		if len(id) == 1 && !strings.Contains("ijknmxyabcdlrpqsvwe", id) {
			m.shortNames++
		}
	}
	for _, line := range strings.Split(m.code, "\n") {
		t := strings.TrimSpace(line)
		var body string
		switch {
		case strings.HasPrefix(t, "#") && lang == "python":
			body = t[1:]
		case strings.HasPrefix(t, "//"):
			body = t[2:]
		default:
			continue
		}
		if reCodeLike.MatchString(body) {
			m.deadCode++
		}
	}
}

var reCodeLike = regexp.MustCompile(`^\s*(return\b.*|[A-Za-z_][\w.\[\]]*\s*(=|\+=|-=)[^=].*|(for|while|if)\s*\(?.*[:{)]\s*$|[\w.]+\(.*\);?\s*$)`)

var keywords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`def class return if elif else for while in not and or is None True False import from as pass break continue lambda
	self function const let var new this null undefined true false typeof instanceof of public private static int long void boolean String
	double char final func package type struct range map make len append nil interface go defer chan select switch case default
	auto vector unordered_map std include using namespace bool string int64 try catch throw throws extends implements print`) {
		m[w] = true
	}
	return m
}()

var (
	reLineComment  = regexp.MustCompile(`(?m)(//|#).*$`)
	reBlockComment = regexp.MustCompile(`(?s)/\*.*?\*/|"""[\s\S]*?"""|'''[\s\S]*?'''`)
)

// stripComments drops comments roughly (strings with // or # in them lose
// their tail, which only costs a name or two in the counts).
func stripComments(code string) string {
	return reLineComment.ReplaceAllString(reBlockComment.ReplaceAllString(code, ""), "")
}

// quote shortens text for an evidence quote.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 140 {
		return string(r[:137]) + "..."
	}
	return s
}

func verdictText(r *judge.Report) string {
	if r == nil {
		return ""
	}
	return fmt.Sprintf("%s %s: %d/%d tests passed", r.Mode, r.Status, r.Passed, r.Total)
}
