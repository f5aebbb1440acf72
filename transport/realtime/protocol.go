// Package realtime is the WebSocket side of an interview: one connection per
// open interview room, a server-authoritative timer, code and chat that are
// acknowledged only once durable, and a hub that fans server events out to
// every connection of a session.
//
// protocol.go is the one place the wire protocol is defined; the TypeScript
// types in web/src/lib/protocol.gen.ts are generated from it (go generate)
// and a test keeps the two equal. docs/realtime-protocol.md explains it.
package realtime

//go:generate go run ./gen -out ../../web/src/lib/protocol.gen.ts

import (
	"encoding/json"

	"github.com/mockroom/mockroom/interview"
)

// Subprotocol is what the client offers in Sec-WebSocket-Protocol next to
// its one-time token.
const Subprotocol = "mockroom.v1"

// Limits of the protocol.
const (
	MaxMessageBytes = 64 << 10 // a bigger frame closes the connection with 1009
	MaxCodeBytes    = 50 << 10
	MaxChatRunes    = 4000
	MaxSeq          = interview.MaxSeq // 2^53-1: a JavaScript number holds every seq exactly
	// MaxAudioFrameBytes bounds one binary audio frame: 16 KiB is 340 ms of
	// 24 kHz PCM16; the browser sends 20 ms frames (960 bytes).
	MaxAudioFrameBytes = 16 << 10
)

// Close codes beyond the standard ones.
const (
	CloseUnauthorized   = 4001 // token missing, reused, expired, foreign, or in the query string
	CloseSessionEnded   = 4002 // the interview is over
	CloseServerRestart  = 4003 // the server is shutting down: reconnect
	CloseSlowConsumer   = 4004 // the client could not keep up with server events
	CloseTooManySockets = 4005 // the interview already has its maximum of open sockets (other tabs)
)

// Client event types: the allowlist. Anything else gets an error frame.
const (
	TypeCodeEdit    = "code_edit"
	TypeChatMessage = "chat_message"
	TypeHintRequest = "hint_request"
	TypeVoiceStart  = "voice.start"
	TypeVoiceStop   = "voice.stop"
	TypeAudioCommit = "input_audio_buffer.commit"
	TypeCancel      = "response.cancel"
	TypePing        = "session.ping"
	TypeResume      = "resume"
)

// ClientEventTypes is the allowlist in order. The candidate's audio is not
// a JSON frame: it travels as binary frames of PCM16 (see VoiceState).
var ClientEventTypes = []string{TypeCodeEdit, TypeChatMessage, TypeHintRequest, TypeVoiceStart, TypeVoiceStop, TypeAudioCommit, TypeCancel, TypePing, TypeResume}

// Server event types.
const (
	TypeAck          = "ack"
	TypeError        = "error"
	TypeTimer        = "timer"
	TypeSessionState = "session_state"
	TypeTranscript   = "transcript"
	TypeInterviewer  = "interviewer.message"
	TypeObservation  = "observation"
	TypeExecution    = "execution_result"
	TypeQueued       = "execution_queued"
	TypeVoiceState   = "voice.state"
	TypeVoiceAct     = "voice.activity"
	TypeSessionEnded = "session_ended"
	TypePong         = "session.pong"
)

// ServerEventTypes lists every server event type. The interviewer's audio
// is not a JSON frame: it travels as binary frames of PCM16.
var ServerEventTypes = []string{TypeAck, TypeError, TypeTimer, TypeSessionState, TypeTranscript, TypeInterviewer, TypeObservation, TypeExecution, TypeQueued, TypeVoiceState, TypeVoiceAct, TypeSessionEnded, TypePong}

// Envelope is read first to learn a frame's type.
type Envelope struct {
	Type string `json:"type"`
}

// CodeEdit carries the full text of the editor (debounced by the client).
type CodeEdit struct {
	Type     string `json:"type"`
	Seq      int64  `json:"seq"`
	Language string `json:"language"`
	Code     string `json:"code"`
}

// ChatMessage is the candidate typing to the interviewer.
type ChatMessage struct {
	Type string `json:"type"`
	Seq  int64  `json:"seq"`
	Text string `json:"text"`
}

// HintRequest asks for the next progressive hint.
type HintRequest struct {
	Type string `json:"type"`
	Seq  int64  `json:"seq"`
}

// VoiceStart asks for a spoken interview on this socket: the server
// connects to the speech model and answers voice.state. PushToTalk turns
// the model's voice detection off: a turn ends with input_audio_buffer.commit.
// Voice frames are not durable, so their seq is optional and never acked.
type VoiceStart struct {
	Type       string `json:"type"`
	Seq        int64  `json:"seq,omitempty"`
	PushToTalk bool   `json:"push_to_talk,omitempty"`
}

// Control is a frame with only a type and seq (voice.stop, audio commit, ping).
type Control struct {
	Type string `json:"type"`
	Seq  int64  `json:"seq,omitempty"`
}

// ResponseCancel stops the interviewer's spoken answer (barge-in).
// PlayedMS is how much of its audio the page played: the rest is cut from
// the model's context, so it never believes it said what was not heard.
type ResponseCancel struct {
	Type     string `json:"type"`
	Seq      int64  `json:"seq,omitempty"`
	PlayedMS int64  `json:"played_ms"`
}

// Resume is sent after every (re)connect; the server answers session_state.
type Resume struct {
	Type         string `json:"type"`
	LastAckedSeq int64  `json:"last_acked_seq"`
}

// Ack says the event with Seq is durable (or was already).
type Ack struct {
	Type string `json:"type"`
	Seq  int64  `json:"seq"`
}

// Error reports a refused frame; the connection stays up.
type Error struct {
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Seq     int64  `json:"seq,omitempty"`
}

// Timer is sent every 5 seconds; the client only displays it.
type Timer struct {
	Type        string `json:"type"`
	RemainingMS int64  `json:"remaining_ms"`
	ServerTime  int64  `json:"server_time"` // unix ms, for clock-drift correction
	EndsAt      int64  `json:"ends_at"`     // unix ms
}

// SessionState answers resume: what the server has durably.
type SessionState struct {
	Type         string `json:"type"`
	SessionID    string `json:"session_id"`
	Status       string `json:"status"`
	LastAckedSeq int64  `json:"last_acked_seq"`
	Code         string `json:"code"`
	Language     string `json:"language"`
	HintsUsed    int    `json:"hints_used"`
	HintsTotal   int    `json:"hints_total"`
	RemainingMS  int64  `json:"remaining_ms"`
	ServerTime   int64  `json:"server_time"`
	EndsAt       int64  `json:"ends_at"`
}

// TranscriptEntry is one line of the conversation.
type TranscriptEntry struct {
	ID          string `json:"id"`
	Seq         int64  `json:"seq"` // the conversation's order: clients sort by it, never by time`
	Speaker     string `json:"speaker"`
	Content     string `json:"content"`
	TimestampMS int64  `json:"timestamp_ms"`
	// Phase is the interview's phase when the interviewer said the line
	// (introduction, clarifying, approach, coding, testing, complexity,
	// wrap_up); "" for other lines.
	Phase string `json:"phase,omitempty"`
	// Voice marks a line said aloud (transcribed speech); Cut, an answer
	// the candidate talked over (it ends with " —").
	Voice bool `json:"voice,omitempty"`
}

// Transcript pushes a new conversation line (either speaker).
type Transcript struct {
	Type  string          `json:"type"`
	Entry TranscriptEntry `json:"entry"`
}

// InterviewerMessage streams interviewer text as it is produced: deltas
// (Final false) to append to a typing line, then one frame with Final true
// and no text when the stream is over, finished, failed or cancelled. The
// finished line then arrives as a transcript. ReplyTo is the id of the
// candidate's line being answered ("" for a remark on a run).
type InterviewerMessage struct {
	Type    string `json:"type"`
	ReplyTo string `json:"reply_to,omitempty"`
	Text    string `json:"text"`
	Final   bool   `json:"final"`
}

// Observation is the code observer's view of the code the candidate paused
// on: toolchain syntax errors for the editor's markers, warnings, the
// estimated complexity, and whether to suggest a run. Quiet by design: the
// room shows it in the editor, never in the conversation.
type Observation struct {
	Type     string                `json:"type"`
	Analysis interview.Observation `json:"analysis"`
}

// ExecutionResult pushes a run or submit report to every open room of the session.
type ExecutionResult struct {
	Type   string          `json:"type"`
	Mode   string          `json:"mode"`
	Report json.RawMessage `json:"report"`
}

// ExecutionQueued says a run or submit of the session waits for a place in
// the judge: Ahead executions are queued before it. Sent when it joins the
// queue and whenever Ahead changes, then once with Running when it leaves
// the queue to run; its execution_result follows. A run admitted at once
// sends none.
type ExecutionQueued struct {
	Type    string `json:"type"`
	Mode    string `json:"mode"`
	Ahead   int    `json:"ahead"`
	Running bool   `json:"running"`
}

// Voice states.
const (
	VoiceConnecting   = "connecting"   // reaching the speech model
	VoiceLive         = "live"         // audio flows both ways
	VoiceReconnecting = "reconnecting" // the model's connection dropped; resuming with the conversation so far
	VoiceOff          = "off"          // no voice: Reason says why; the chat stays
)

// VoiceState says where the spoken interview stands. While Status is live
// the socket carries binary frames both ways: the candidate's microphone
// as PCM16 little-endian mono at InputRate, in frames of at most
// MaxAudioFrameBytes (20 ms is best), and the interviewer's voice as PCM16
// at OutputRate. Reason (with Status off) is a code: stopped,
// voice_unavailable, voice_limit, provider_failed, idle, session_ended,
// taken_over; Message is a sentence to show; Fallback says the room
// switched to text because voice failed (the candidate may try again).
type VoiceState struct {
	Type       string `json:"type"`
	Status     string `json:"status"`
	Provider   string `json:"provider,omitempty"`
	Model      string `json:"model,omitempty"`
	InputRate  int    `json:"input_rate,omitempty"`
	OutputRate int    `json:"output_rate,omitempty"`
	PushToTalk bool   `json:"push_to_talk,omitempty"`
	Reason     string `json:"reason,omitempty"`
	Message    string `json:"message,omitempty"`
	Fallback   bool   `json:"fallback,omitempty"`
	// MinutesLeft is the candidate's remaining voice allowance this month
	// (-1: no limit).
	MinutesLeft int `json:"minutes_left"`
}

// Voice activity: who is speaking.
const (
	SpeakerStarted     = "started"
	SpeakerStopped     = "stopped"
	SpeakerInterrupted = "interrupted"
)

// VoiceActivity reports speech: the candidate started (the page stops the
// interviewer's playback at once: barge-in) or stopped; the interviewer
// started an answer (LatencyMS: from the end of the candidate's speech to
// its first audio, as our server saw it), finished it, or was interrupted.
type VoiceActivity struct {
	Type      string `json:"type"`
	Speaker   string `json:"speaker"` // candidate | interviewer
	State     string `json:"state"`
	LatencyMS int64  `json:"latency_ms,omitempty"`
}

// SessionEnded says the interview is over; the client shows the summary.
type SessionEnded struct {
	Type      string `json:"type"`
	SessionID string `json:"session_id"`
	Status    string `json:"status"`
	Reason    string `json:"reason"` // candidate_ended | time_up | hard_limit | abandoned
}

// Pong answers session.ping.
type Pong struct {
	Type       string `json:"type"`
	Seq        int64  `json:"seq"`
	ServerTime int64  `json:"server_time"`
}

// protocolTypes lists the frame structs in the order the TypeScript file shows them.
var protocolTypes = []any{
	CodeEdit{}, ChatMessage{}, HintRequest{}, VoiceStart{}, Control{}, ResponseCancel{}, Resume{},
	Ack{}, Error{}, Timer{}, SessionState{}, TranscriptEntry{}, Transcript{}, InterviewerMessage{},
	interview.SyntaxError{}, interview.CodeFacts{}, interview.Observation{}, Observation{}, ExecutionResult{}, ExecutionQueued{}, VoiceState{}, VoiceActivity{}, SessionEnded{}, Pong{},
}
