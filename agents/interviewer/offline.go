// Package interviewer holds the interviewer agent. Offline is the built-in,
// deterministic engine that works with no model or key. It has read the
// problem: it answers clarifying questions from the problem's guide (input
// size, duplicates, negatives, empty input, output order), steers the
// interview through its phases (introduction, clarifying, approach, coding,
// testing, complexity, wrap-up), questions a failing run from the example
// that failed, notices when the candidate's stated complexity disagrees with
// the code observer's, and offers (never gives) a hint after a stall. It
// never reads a reference solution: the problem it is given has none.
package interviewer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
)

// Offline is the rule-based interviewer. Its memory is the session's
// interview.InterviewerState; it keeps nothing itself.
type Offline struct{}

var (
	_ interview.Interviewer = Offline{}
	_ interview.Nudger      = Offline{}
)

// maxStallOffers bounds the hints offered after stalls in one session.
const maxStallOffers = 3

// Greeting opens the interview.
func (Offline) Greeting(_ context.Context, p *problem.Problem, s *interview.Session) (string, error) {
	st := interview.StateOf(s)
	st.Ask("greeting")
	setState(s, st)
	return greeting(p, s), nil
}

func greeting(p *problem.Problem, s *interview.Session) string {
	article := "a"
	if strings.HasPrefix(p.Difficulty, "e") {
		article = "an"
	}
	return fmt.Sprintf("Hi, I'm your interviewer today. We have %d minutes for %q, %s %s problem. "+
		"Take a minute to read it, then tell me in your own words what it asks, and ask me anything about the input you'd like settled. "+
		"Think out loud as you go — I care about your reasoning as much as the code. Run your code against the examples whenever you like, and submit when you're confident.",
		s.DurationMinutes, p.Title, article, p.Difficulty)
}

func setState(s *interview.Session, st interview.InterviewerState) {
	if s != nil {
		interview.SetState(s, st)
	}
}

// Reply answers a candidate's message, emitted whole: the rules take no time.
func (Offline) Reply(_ context.Context, t interview.Turn, emit func(delta string)) (string, error) {
	st := interview.StateOf(t.Session)
	text := reply(t.Problem, &st, t.History, t.Message)
	setState(t.Session, st)
	if text == "" {
		return "", interview.ErrSilent
	}
	emit(text)
	return text, nil
}

// reply is the engine's answer to message; "" says nothing.
func reply(p *problem.Problem, st *interview.InterviewerState, history []interview.Transcript, message string) string {
	m := strings.ToLower(strings.TrimSpace(message))
	wasThinking := st.Thinking
	st.Thinking = false
	switch {
	case containsAny(m, injectionWords) != "":
		return "I'll stay in my role as your interviewer, and nothing typed here changes how the interview is assessed. Let's get back to the problem. " + nextStep(p, st)
	case containsAny(m, answerWords) != "":
		return "I can't hand you the solution — what I want to see is how you get there. If you're stuck, the Hint button gives you a nudge (it's noted in the report), or tell me what you've tried so far and where it breaks down."
	case containsAny(m, thinkingWords) != "" && len(strings.Fields(m)) <= 8:
		st.Thinking = true
		if wasThinking {
			return "" // said once already: silence until they speak
		}
		return "Take your time."
	case containsAny(m, hintWords) != "":
		return "That's okay. The Hint button gives you the next hint (it's noted in the report, but a hint beats silence). Or let's step back: " + unstick(st)
	}
	if c := statedComplexity(m); c != "" {
		return onComplexity(p, st, c, m)
	}
	if isQuestion(m) {
		if ans := clarify(p, st, m); ans != "" {
			return ans
		}
		if containsAny(m, complexityAsk) != "" {
			st.Ask("ask:complexity")
			return "What do you think it is? Count how many times your approach touches each element in the worst case, and tell me the time and the extra space."
		}
	}
	if gibberish(m) {
		return "I didn't quite follow that. Could you put it in a sentence or two — what are you thinking right now?"
	}
	words := len(strings.Fields(m))
	if containsAny(m, edgeWords) != "" {
		if e, ok := nextEdge(p, st); ok {
			return "Good instinct. Take this one: " + lowerFirst(e) + " What does your code do there?"
		}
		return "Good instinct. Which edge cases does your code handle today, and which would break it? Try one as a custom input."
	}
	if containsAny(m, doneWords) != "" {
		return onDone(p, st)
	}
	if b := containsAny(m, bruteWords); b != "" {
		st.Advance(interview.PhaseApproach)
		if st.Ask("approach:brute") {
			return "A brute force is a fine place to start. What does it cost on the largest input? " + sizeNote(p) + " What repeated work could you avoid with a better data structure?"
		}
		return "We talked about the brute force. Is there a way to avoid checking everything — what would you need to look up quickly?"
	}
	if containsAny(m, approachWords) != "" && words < 120 {
		return onApproach(p, st)
	}
	if words > 120 {
		return "Let me pause you there — in one or two sentences: what's your approach, and what would it cost?"
	}
	if isQuestion(m) && (hasWord(m, "what about") || hasWord(m, "what if")) && interview.PhaseIndex(st.Phase) >= interview.PhaseIndex(interview.PhaseCoding) {
		if e, ok := nextEdge(p, st); ok {
			return "Good thing to check — make sure your code does what you expect there. And another one: " + lowerFirst(e) + " What happens?"
		}
		return "Good thing to check. Try it as a custom input and see."
	}
	if isQuestion(m) {
		return "Good question. If the statement doesn't settle it, state your assumption and go with it — that's what I'd expect in a real interview."
	}
	return steer(p, st, history)
}

// clarify answers a clarifying question from the problem's guide.
func clarify(p *problem.Problem, st *interview.InterviewerState, m string) string {
	var answers []string
	for _, c := range p.Guide.Clarifications {
		if containsAny(m, c.Keywords) == "" {
			continue
		}
		st.Ask("clarify:" + c.Topic)
		answers = append(answers, c.Answer)
		if len(answers) == 3 { // a candidate who asks three things at once hears three answers
			break
		}
	}
	if len(answers) == 0 {
		return ""
	}
	text := strings.Join(answers, " ")
	if interview.PhaseIndex(st.Phase) <= interview.PhaseIndex(interview.PhaseClarifying) {
		st.Advance(interview.PhaseClarifying)
		if st.Ask("steer:after-clarify") {
			text += " Good question to settle early. Anything else, or shall we talk about how you'd approach it?"
		}
	}
	return text
}

// onComplexity: the candidate stated a complexity.
func onComplexity(p *problem.Problem, st *interview.InterviewerState, stated, m string) string {
	st.StatedComplexity = stated
	// Complexity counts as discussed for the wrap-up only once there is code
	// to talk about; before that it is the plan's.
	if interview.PhaseIndex(st.Phase) >= interview.PhaseIndex(interview.PhaseTesting) {
		st.Ask("ask:complexity")
		st.Advance(interview.PhaseComplexity)
	} else {
		st.Ask("complexity:plan")
	}
	if o := st.Observed; o != nil && o.EstimatedComplexity != "" {
		seen := normComplexity(o.EstimatedComplexity)
		rs, ro := complexityRank(stated), complexityRank(seen)
		if rs >= 0 && ro >= 0 && rs != ro && st.Ask("mismatch:"+stated+":"+seen) {
			why := "the way your code is written"
			if o.Facts.MaxLoopDepth >= 2 {
				why = fmt.Sprintf("%d nested loops in your code", o.Facts.MaxLoopDepth)
			} else if o.Facts.Sorts {
				why = "a sort in your code"
			}
			return fmt.Sprintf("You said O(%s), but I see %s, and that reads like O(%s) to me. Walk me through it — which one is right?", stated, why, seen)
		}
	}
	if best := complexityRank(normComplexity(p.TimeComplexity)); best >= 0 && complexityRank(stated) > best && st.Ask("better:"+stated) {
		st.Advance(interview.PhaseApproach)
		return fmt.Sprintf("O(%s) — okay. On the largest inputs, is that fast enough? %s Can you do better — what work is repeated?", stated, sizeNote(p))
	}
	if !strings.Contains(m, "space") && st.Ask("ask:space") {
		return "Good. And how much extra space does it use?"
	}
	if interview.PhaseIndex(st.Phase) < interview.PhaseIndex(interview.PhaseCoding) {
		st.Advance(interview.PhaseCoding)
		return "Good, that's a solid target. Go ahead and code it, and keep talking me through it as you go."
	}
	if !st.Solved && st.Runs == 0 {
		st.Advance(interview.PhaseTesting)
		return "Good. Now run it against the examples, and walk me through the first one by hand while it runs."
	}
	st.Advance(interview.PhaseWrapUp)
	return "Good analysis. " + followUp(p, st)
}

// onDone: the candidate says they have finished.
func onDone(p *problem.Problem, st *interview.InterviewerState) string {
	switch {
	case st.Runs == 0:
		st.Advance(interview.PhaseTesting)
		return "Before you submit, run it against the examples — and walk me through the first one by hand: what does your code do at each step?"
	case !st.HasAsked("ask:complexity"):
		st.Ask("ask:complexity")
		st.Advance(interview.PhaseComplexity)
		if st.HasAsked("complexity:plan") {
			return "Nice. Before we wrap up: what are the time and space complexity of the code you wrote — still what you planned?"
		}
		return "Nice. Before we wrap up: what are the time and space complexity of your solution, in the worst case?"
	case !st.Solved:
		st.Advance(interview.PhaseTesting)
		if e, ok := nextEdge(p, st); ok {
			return "When you're confident, submit it. One thing to check first: " + lowerFirst(e) + " What does your code do there?"
		}
		return "When you're confident, submit it to run the hidden tests."
	}
	st.Advance(interview.PhaseWrapUp)
	return followUp(p, st)
}

// onApproach: the candidate describes an approach.
func onApproach(p *problem.Problem, st *interview.InterviewerState) string {
	if st.Phase == interview.PhaseWrapUp {
		return "Thanks — that makes sense. " + followUp(p, st)
	}
	if interview.PhaseIndex(st.Phase) >= interview.PhaseIndex(interview.PhaseCoding) {
		return "Okay. Keep going and keep talking me through it; run it on the examples when you have something."
	}
	st.Advance(interview.PhaseApproach)
	if st.Ask("ask:approach-cost") {
		return "That could work. Before you code it: why does that fit this problem, and what would it cost in time and space?"
	}
	st.Advance(interview.PhaseCoding)
	return "Sounds like a plan. Go ahead and code it, and keep talking me through it as you go."
}

// steer is what the interviewer says when the message calls for nothing
// in particular: the next step of the phase.
func steer(p *problem.Problem, st *interview.InterviewerState, history []interview.Transcript) string {
	switch st.Phase {
	case interview.PhaseIntroduction, interview.PhaseClarifying:
		st.Advance(interview.PhaseApproach)
		st.Ask("ask:approach")
		return "Thanks. How would you approach it? Start with the simplest idea that works, and tell me roughly what it would cost."
	case interview.PhaseApproach:
		if st.Ask("ask:approach-better") {
			return "Okay. Are you happy with that, or could it be faster? When you're ready, code it and talk me through it."
		}
		st.Advance(interview.PhaseCoding)
		return "Go ahead and code it, and keep talking me through what you're writing."
	case interview.PhaseCoding:
		return "Okay, keep going and keep talking me through it. What's the next step in your plan?"
	case interview.PhaseTesting:
		if r := st.LastRun; r != nil && r.Status != "accepted" && st.Ask(fmt.Sprintf("after-run:%d", st.Runs)) {
			return "Good — fix it, then run the examples again. What will you check first when it runs?"
		}
		if e, ok := nextEdge(p, st); ok {
			return "Let's test it in your head: " + lowerFirst(e) + " What does your code do there?"
		}
		if st.Ask("ask:complexity") {
			st.Advance(interview.PhaseComplexity)
			return "Good. What are the time and space complexity of your solution?"
		}
		return "When you're confident, submit it."
	case interview.PhaseComplexity:
		if st.Ask("ask:complexity") {
			return "What are the time and space complexity of your solution, in the worst case?"
		}
		return "Take me through it: how many times does your code touch each element, and what does it store?"
	}
	return followUp(p, st)
}

// nextStep is the phase's next question, for getting back on track.
func nextStep(p *problem.Problem, st *interview.InterviewerState) string {
	switch {
	case interview.PhaseIndex(st.Phase) <= interview.PhaseIndex(interview.PhaseApproach):
		return "How would you approach it?"
	case st.Phase == interview.PhaseWrapUp:
		return followUp(p, st)
	case st.Phase == interview.PhaseComplexity:
		return "What are the time and space complexity of your solution?"
	}
	return "Where are you in your code, and what's the next step?"
}

// unstick is a question that helps without giving a hint away.
func unstick(st *interview.InterviewerState) string {
	if interview.PhaseIndex(st.Phase) <= interview.PhaseIndex(interview.PhaseApproach) {
		return "what's the simplest correct approach you can think of, even a slow one? Try the first example by hand and tell me what you do at each step."
	}
	return "take the first example, run through your code by hand, and tell me where it stops doing what you expect."
}

func followUp(p *problem.Problem, st *interview.InterviewerState) string {
	st.Advance(interview.PhaseWrapUp)
	for i, f := range p.Guide.FollowUps {
		if st.Ask(fmt.Sprintf("follow:%d", i)) {
			if i == 0 {
				return "A follow-up, to finish: " + f
			}
			return "One more follow-up: " + f
		}
	}
	if st.Ask("closing") {
		return "That's all I had — good work today. Anything you'd like to ask me, or anything you'd change in your code with more time?"
	}
	return "Thanks — we're done with the questions. You can use the remaining time to polish your code."
}

func nextEdge(p *problem.Problem, st *interview.InterviewerState) (string, bool) {
	for i, e := range p.Guide.EdgeCases {
		if st.Ask(fmt.Sprintf("edge:%d", i)) {
			return e, true
		}
	}
	return "", false
}

// sizeNote is the problem's answer about input size.
func sizeNote(p *problem.Problem) string {
	for _, c := range p.Guide.Clarifications {
		if c.Topic == "input_size" {
			return c.Answer
		}
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z') {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Hint introduces one of the problem's progressive hints (asked for: the
// Hint button).
func (Offline) Hint(_ context.Context, p *problem.Problem, n, total int, hint string) (string, error) {
	return fmt.Sprintf("Hint %d of %d: %s", n, total, hint), nil
}

// React comments on a run or submit the way an interviewer watching would.
func (Offline) React(_ context.Context, p *problem.Problem, s *interview.Session, r interview.ExecutionSummary, emit func(delta string)) (string, error) {
	st := interview.StateOf(s)
	text := react(p, &st, r)
	setState(s, st)
	emit(text)
	return text, nil
}

func react(p *problem.Problem, st *interview.InterviewerState, r interview.ExecutionSummary) string {
	st.Runs++
	st.LastRun = &r
	st.Thinking = false
	st.Advance(interview.PhaseTesting)
	if r.Status != "accepted" {
		st.Failed++
	}
	switch {
	case r.Status == "compile_error":
		return "There's a compile error. Read the message and the line it points to — what is the compiler telling you?"
	case r.Mode == "run" && r.Status == "accepted":
		if e, ok := nextEdge(p, st); ok {
			return "The examples pass. Before you submit, one the examples don't cover: " + lowerFirst(e) + " What does your code do there?"
		}
		return "The examples pass. Which inputs could the hidden tests try that the examples don't?"
	case r.Mode == "run" && r.FailedExample != nil:
		f := r.FailedExample
		in := quote(f.Input)
		if f.Verdict == "runtime_error" {
			return fmt.Sprintf("Example %d crashes on %s. Walk me through what your code does with that input — which index or value could be out of range?", f.Number, in)
		}
		if f.Verdict == "time_limit" {
			return fmt.Sprintf("Example %d runs out of time on %s. Does your loop always make progress toward its end?", f.Number, in)
		}
		if len(f.Expected) > 0 && len(f.Got) > 0 {
			return fmt.Sprintf("Example %d fails: on %s it should return %s, and your code returns %s. Walk me through that input step by step — where does it diverge?", f.Number, in, quote(f.Expected), quote(f.Got))
		}
		return fmt.Sprintf("Example %d fails on %s. Walk me through that input with your code, step by step — where does it diverge?", f.Number, in)
	case r.Mode == "run":
		return "An example doesn't match yet. Walk me through that example with your code, step by step — where does it diverge?"
	case r.Status == "accepted":
		st.Solved = true
		if st.Ask("ask:complexity") {
			st.Advance(interview.PhaseComplexity)
			return fmt.Sprintf("All %d tests pass — nice work. Before we wrap up: what are the time and space complexity of your solution?", r.Total)
		}
		if st.Phase == interview.PhaseWrapUp {
			return fmt.Sprintf("All %d tests pass — nice work.", r.Total)
		}
		return fmt.Sprintf("All %d tests pass — nice work. ", r.Total) + followUp(p, st)
	case r.Hidden != nil && r.Hidden.Verdicts["time_limit"] > 0:
		return fmt.Sprintf("%d of %d tests pass, but some ran out of time on large inputs. %s What's the complexity of your approach, and can you avoid repeated work?", r.Passed, r.Total, sizeNote(p))
	case r.Status == "runtime_error":
		return fmt.Sprintf("%d of %d tests pass; at least one crashes. Which inputs could index out of range or hit an empty or null case?", r.Passed, r.Total)
	}
	if e, ok := nextEdge(p, st); ok {
		return fmt.Sprintf("%d of %d tests pass. The failing ones are hidden, so I can't show them — but think about this: %s", r.Passed, r.Total, lowerFirst(e))
	}
	return fmt.Sprintf("%d of %d tests pass. The failing ones are hidden — which inputs haven't you tried yet?", r.Passed, r.Total)
}

// quote shortens a visible example's JSON for a sentence.
func quote(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return "`" + s + "`"
}

// Nudge speaks on a stall (it offers a hint, never gives one) and on an
// observer finding worth raising (nested loops where the optimum is
// faster); otherwise it stays silent.
func (Offline) Nudge(_ context.Context, p *problem.Problem, s *interview.Session, sig interview.Signal, emit func(delta string)) (string, error) {
	st := interview.StateOf(s)
	text := nudge(p, &st, sig)
	setState(s, st)
	if text == "" {
		return "", interview.ErrSilent
	}
	emit(text)
	return text, nil
}

func nudge(p *problem.Problem, st *interview.InterviewerState, sig interview.Signal) string {
	switch sig.Kind {
	case interview.SignalStall:
		if st.StallOffers >= maxStallOffers || (st.Solved && st.Phase == interview.PhaseWrapUp) {
			return ""
		}
		st.StallOffers++
		st.Thinking = false
		mins := int(sig.Idle.Minutes())
		quiet := "It's been quiet for a few minutes."
		if mins >= 1 {
			quiet = fmt.Sprintf("It's been quiet for about %d minute%s.", mins, map[bool]string{true: "", false: "s"}[mins == 1])
		}
		if interview.PhaseIndex(st.Phase) <= interview.PhaseIndex(interview.PhaseApproach) {
			return quiet + " Where are you? Tell me the simplest approach you can think of, even a slow one. Would a hint help? If so, press the Hint button — I won't give one unless you ask."
		}
		return quiet + " What are you working on right now? If you're stuck, would you like a hint? Press the Hint button if so — it's your call."
	case interview.SignalObservation:
		o := sig.Observation
		if o == nil {
			return ""
		}
		st.Observed = o
		if len(o.SyntaxErrors) > 0 {
			return "" // the editor shows syntax errors; nothing to say
		}
		if !o.Facts.IsStarter && interview.PhaseIndex(st.Phase) < interview.PhaseIndex(interview.PhaseApproach) && st.Ask("ask:approach-before-code") {
			// Code before any approach: ask for the plan, once.
			st.Advance(interview.PhaseApproach)
			return "I see you've started coding. Before you go further, tell me your approach in a sentence or two — and roughly what it would cost?"
		}
		if !o.Facts.IsStarter && st.Phase == interview.PhaseApproach && st.HasAsked("ask:approach-cost") {
			st.Advance(interview.PhaseCoding)
		}
		if o.EstimatedComplexity == "" {
			return ""
		}
		seen := normComplexity(o.EstimatedComplexity)
		best := complexityRank(normComplexity(p.TimeComplexity))
		if o.Facts.MaxLoopDepth >= 2 && best >= 0 && complexityRank(seen) > best && st.Ask("finding:"+seen) {
			return fmt.Sprintf("I see nested loops in your code — that's about O(%s). %s Is there a way to avoid the inner loop?", seen, sizeNote(p))
		}
	}
	return ""
}
