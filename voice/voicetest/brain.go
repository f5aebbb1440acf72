// Package voicetest holds what the speech providers' tests share: the
// conformance suite every voice.Provider passes against its loopback fake
// (Run), and the fakes' common "brain" (how a fake transcribes and
// answers), so that every fake behaves alike and one suite checks them all.
package voicetest

import (
	"fmt"
	"strings"
	"sync"

	"github.com/mockroom/mockroom/voice/pcm"
)

// Rates the fakes speak.
const (
	OutputRate = 24000
	// MSPerChar is how long a fake's answer audio lasts per character of
	// its transcript: a 40-character answer speaks for 2 s.
	MSPerChar = 50
)

// Brain is a fake model: utterance n is transcribed as Script[n-1] (or
// "candidate utterance n" past the script), and answered with a sentence
// that quotes it. Safe for concurrent use.
type Brain struct {
	Script []string

	mu sync.Mutex
	n  int
}

// Transcribe names the next utterance.
func (b *Brain) Transcribe() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	if b.n <= len(b.Script) {
		return b.Script[b.n-1]
	}
	return fmt.Sprintf("candidate utterance %d", b.n)
}

// Answer is the fake interviewer's reply to heard.
func Answer(heard string) string {
	return "I heard you say: " + strings.TrimSpace(heard) + ". Tell me more about your approach."
}

// Speech is answer audio for text: a soft tone, MSPerChar per character.
func Speech(text string) []byte {
	return pcm.Tone(OutputRate, MSPerChar*len(text), 220, 0.2)
}

// Utterance is candidate "speech" for the fakes' VAD: ms of a loud tone
// followed by silenceMS of quiet, at rate.
func Utterance(rate, ms, silenceMS int) []byte {
	b := pcm.Tone(rate, ms, 300, 0.3)
	return append(b, pcm.Silence(rate, silenceMS)...)
}
