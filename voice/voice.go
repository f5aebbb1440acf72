// Package voice is the port through which a spoken interview reaches a
// speech model: OpenAI Realtime (openairt/), Gemini Live (geminilive/) or
// the local cascade of speech-to-text, the interviewer agent and
// text-to-speech (cascade/). The browser never talks to a provider: our
// server owns the connection (Relay, relay.go), so it injects the
// interviewer's context, records the transcript, meters usage and enforces
// limits.
//
// All audio is 16-bit little-endian mono PCM. The candidate's audio travels
// at the connection's Format().InputRate (24 kHz OpenAI, 16 kHz Gemini and
// the cascade) and the interviewer's at Format().OutputRate (24 kHz).
package voice

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Speakers of a Line, as in the interview's transcript.
const (
	SpeakerCandidate   = "candidate"
	SpeakerInterviewer = "interviewer"
	SpeakerSystem      = "system"
)

// Line is one line of conversation given to the model as context.
type Line struct {
	Speaker string
	Text    string
}

// Setup opens a connection.
type Setup struct {
	SessionID    string // for the provider's safety identifier and our logs
	Instructions string // the interviewer's system instructions
	Voice        string // provider voice name; "" = the adapter's default
	// History is the conversation so far, replayed on (re)connect so the
	// model picks up where the last connection stopped.
	History []Line
	// PushToTalk turns the provider's voice-activity detection off: a turn
	// ends when the candidate releases the key (Conn.Commit).
	PushToTalk bool
}

// Format says the sample rates a connection speaks.
type Format struct {
	InputRate  int // the candidate's audio, samples a second
	OutputRate int // the interviewer's audio
}

// Provider opens connections to one speech model.
type Provider interface {
	Name() string  // "openai", "gemini" or "local"
	Model() string // the model connections use (prices and usage are per model)
	Connect(ctx context.Context, s Setup) (Conn, error)
}

// Conn is one open provider connection. Its methods are safe to call from
// any goroutine; Events is read by one.
type Conn interface {
	Format() Format
	// SendAudio sends candidate audio (PCM16 at Format().InputRate).
	SendAudio(pcm []byte) error
	// Commit ends the candidate's turn and asks for an answer (push-to-talk).
	Commit() error
	// Interrupt stops the answer being spoken (barge-in). heard is how much
	// of its audio the candidate heard: the rest is cut from the model's
	// context so the conversation stays coherent.
	Interrupt(heard time.Duration) error
	// Instruct replaces the instructions (phase, time left, findings).
	Instruct(instructions string) error
	// Note adds a line of context the model should know but not answer now
	// (a run's result, a typed message and its reply).
	Note(l Line) error
	// Events delivers what the provider does. It is closed when the
	// connection ends; Err then says why (nil after Close).
	Events() <-chan Event
	Err() error
	Close() error
}

// Kind is what an Event reports.
type Kind int

const (
	// SpeechStarted: the candidate started speaking (the provider's VAD). A
	// room stops the interviewer's playback at once.
	SpeechStarted Kind = iota + 1
	// SpeechStopped: the candidate stopped speaking; an answer follows.
	SpeechStopped
	// CandidateText: the transcript of a finished candidate utterance (Text).
	CandidateText
	// AnswerStarted: the interviewer started an answer (ItemID names it).
	AnswerStarted
	// Audio: interviewer audio (Audio, PCM16 at Format().OutputRate).
	Audio
	// AnswerDelta: a piece of the answer's transcript (Text).
	AnswerDelta
	// AnswerDone: the answer is over; Text is its transcript, Cut says it
	// was interrupted (Text is then what was produced before the cut).
	AnswerDone
	// Usage: what one answer (or utterance) cost (Usage).
	Usage
	// Warning: a provider error the connection survives (Err).
	Warning
)

func (k Kind) String() string {
	switch k {
	case SpeechStarted:
		return "speech_started"
	case SpeechStopped:
		return "speech_stopped"
	case CandidateText:
		return "candidate_text"
	case AnswerStarted:
		return "answer_started"
	case Audio:
		return "audio"
	case AnswerDelta:
		return "answer_delta"
	case AnswerDone:
		return "answer_done"
	case Usage:
		return "usage"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Event is one thing the provider did.
type Event struct {
	Kind   Kind
	ItemID string
	Text   string
	Audio  []byte
	Cut    bool
	Usage  Metering
	Err    error
}

// Metering is what the provider reported (or the adapter measured) for
// one answer or utterance. Audio durations are measured from the audio
// itself; tokens are the provider's numbers (0 where it gives none).
type Metering struct {
	AudioIn      time.Duration
	AudioOut     time.Duration
	InputTokens  int
	OutputTokens int
	CachedTokens int
}

// Add sums two meterings.
func (m Metering) Add(o Metering) Metering {
	return Metering{m.AudioIn + o.AudioIn, m.AudioOut + o.AudioOut, m.InputTokens + o.InputTokens,
		m.OutputTokens + o.OutputTokens, m.CachedTokens + o.CachedTokens}
}

// Error is a provider failure. Fatal ones (a bad key, no quota, a retired
// interface, an unknown model) are not retried; the others are, with
// backoff.
type Error struct {
	Provider string
	Code     string // the provider's code, e.g. "invalid_api_key", "session_expired", "1011"
	Message  string
	Fatal    bool
}

func (e *Error) Error() string {
	return e.Provider + ": " + e.Code + ": " + e.Message
}

// IsFatal reports whether err is a provider error that retrying cannot fix.
func IsFatal(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Fatal
}

// Duration is how long pcm (PCM16 mono) lasts at rate.
func Duration(pcm []byte, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(len(pcm)/2) * time.Second / time.Duration(rate)
}

// Bytes is how many PCM16 mono bytes d lasts at rate.
func Bytes(d time.Duration, rate int) int {
	return int(d*time.Duration(rate)/time.Second) * 2
}
