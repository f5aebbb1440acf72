package interviewer

import (
	"fmt"
	"strings"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/interview"
)

var (
	_ interview.VoiceBriefer = Offline{}
	_ interview.VoiceBriefer = (*Model)(nil)
	_ interview.Tracker      = Offline{}
	_ interview.Tracker      = (*Model)(nil)
)

// VoiceInstructions briefs a speech model (OpenAI Realtime, Gemini Live) to
// interview as the text interviewer does: the same guidelines, phase,
// problem and guide, with the candidate's code, the observer's finding, the
// last run, the hints taken and the time left. Speech models have no data
// channel apart from their instructions, so the candidate's material goes
// in a fenced data section that the rules say to treat as data only. The
// problem it is given has no reference solution and no hidden tests.
func (Offline) VoiceInstructions(b interview.VoiceBrief) string { return voiceInstructions(b) }

// VoiceInstructions is Offline's: a speech model speaks for itself.
func (m *Model) VoiceInstructions(b interview.VoiceBrief) string { return voiceInstructions(b) }

// Track moves the interviewer's state along with a line the candidate said
// to a speech model, which answered it; the offline engine's answer is
// dropped.
func (Offline) Track(t interview.Turn) {
	st := interview.StateOf(t.Session)
	reply(t.Problem, &st, t.History, t.Message)
	setState(t.Session, st)
}

// Track is Offline's.
func (m *Model) Track(t interview.Turn) { m.fallback.Track(t) }

func voiceInstructions(b interview.VoiceBrief) string {
	st := interview.StateOf(b.Session)
	var w strings.Builder
	w.WriteString(systemPrompt(b.Problem, st))
	w.WriteString("\nYou are speaking aloud: keep every answer to one or two short spoken sentences, never read code or symbols " +
		"aloud, and stop talking as soon as the candidate starts. If the candidate types in the chat, the typed line and its answer " +
		"reach you as context notes.\n")
	fmt.Fprintf(&w, "\nTime left in the interview: %s. Hints taken: %d of %d.\n", spokenDuration(b.Remaining), b.HintsUsed, b.HintsTotal)
	if data := candidateData(st, b.Code, b.Language); len(data) > 0 {
		w.WriteString("\nThe candidate's material so far:\n")
		w.WriteString(llm.RenderData(data))
		w.WriteString("\n")
	}
	return w.String()
}

func spokenDuration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case d <= 0:
		return "none"
	case m < 1:
		return "under a minute"
	case m == 1:
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", m)
}
