// Package geminilive is the voice.Provider for Gemini Live
// (BidiGenerateContent over WebSocket) through the official SDK,
// google.golang.org/genai.
//
// How the port maps onto Live, where the two differ:
//   - Gemini sends no speech-started/stopped events on the Developer API.
//     SpeechStarted comes from voiceActivity ACTIVITY_START when the server
//     sends it, from `interrupted` (the server's VAD cut the answer: the
//     relay's barge-in signal), or from the first input transcription of an
//     utterance; SpeechStopped from ACTIVITY_END or when the utterance ends
//     (finished transcription, or the model's turn starts).
//   - There is nothing to truncate: Interrupt stops forwarding the answer's
//     audio and ends it cut. With automatic activity detection the
//     candidate's speech already interrupted the model on the server; with
//     push-to-talk Interrupt opens the candidate's activity (activityStart),
//     which interrupts it. No clientContent is sent, since a clientContent
//     turn would itself become context.
//   - The setup cannot change on an open connection, so Instruct sends the
//     new instructions as a user clientContent turn marked
//     "[Interviewer instructions updated]" (turnComplete false, so nothing
//     is answered), and remembers them: a resumed connection's setup
//     carries them as its systemInstruction, the one moment the API lets a
//     setup change.
//   - Connections last about ten minutes. The adapter asks for session
//     resumption, keeps the newest handle, and on goAway (after the answer
//     in flight) or an unexpected close reconnects with it, re-sending
//     nothing else; three failed attempts in a row, or a refused handle,
//     end the Conn with a retryable error.
//   - clientContent and realtime audio are interleaved (notes, history);
//     the SDK warns against it, the 3.x models allow it for the whole
//     session.
package geminilive

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"google.golang.org/genai"

	"github.com/mockroom/mockroom/voice"
)

const (
	name       = "gemini"
	inputRate  = 16000
	outputRate = 24000
	inputMIME  = "audio/pcm;rate=16000"
	// instructionsPrefix marks instruction updates sent as client content.
	instructionsPrefix = "[Interviewer instructions updated]"
)

// Config configures a Provider; zero values take the defaults.
type Config struct {
	APIKey string
	// BaseURL is the API's base ("" = Google's); tests pass
	// "ws://127.0.0.1:PORT/".
	BaseURL string
	Model   string // "gemini-3.8-live"
	Voice   string // prebuilt voice, "Kore"
	// ConnectTimeout bounds the dial and setup (10 s): the SDK's Connect
	// does not use its context for the dial.
	ConnectTimeout time.Duration
}

// Provider opens Gemini Live connections.
type Provider struct {
	cfg Config

	once      sync.Once
	client    *genai.Client
	clientErr error
}

var _ voice.Provider = (*Provider)(nil)

// New returns a Provider; nothing is dialled until Connect.
func New(cfg Config) *Provider {
	if cfg.Model == "" {
		cfg.Model = "gemini-3.8-live"
	}
	if cfg.Voice == "" {
		cfg.Voice = "Kore"
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	return &Provider{cfg: cfg}
}

// Name is "gemini".
func (p *Provider) Name() string { return name }

// Model is the Live model connections use.
func (p *Provider) Model() string { return p.cfg.Model }

// Connect opens a session: setup (instructions, voice, transcriptions,
// resumption, compression, activity detection), then the history as
// client content.
func (p *Provider) Connect(ctx context.Context, s voice.Setup) (voice.Conn, error) {
	c := newConn(p, s)
	sess, err := p.dial(ctx, c.liveConfig(""))
	if err != nil {
		c.cancel()
		return nil, err
	}
	if turns := historyTurns(s.History); len(turns) > 0 {
		if err := sess.SendClientContent(genai.LiveClientContentInput{Turns: turns, TurnComplete: genai.Ptr(false)}); err != nil {
			sess.Close()
			c.cancel()
			return nil, classify(err)
		}
	}
	c.start(sess)
	return c, nil
}

func (p *Provider) genaiClient() (*genai.Client, error) {
	p.once.Do(func() {
		if p.cfg.APIKey == "" {
			p.clientErr = &voice.Error{Provider: name, Code: "missing_api_key", Message: "no API key configured", Fatal: true}
			return
		}
		p.client, p.clientErr = genai.NewClient(context.Background(), &genai.ClientConfig{
			APIKey:      p.cfg.APIKey,
			Backend:     genai.BackendGeminiAPI,
			HTTPOptions: genai.HTTPOptions{BaseURL: p.cfg.BaseURL, APIVersion: "v1beta"},
		})
		if p.clientErr != nil {
			p.clientErr = &voice.Error{Provider: name, Code: "client", Message: p.clientErr.Error(), Fatal: true}
		}
	})
	return p.client, p.clientErr
}

// dial connects and waits for setupComplete, within ConnectTimeout and ctx.
// The SDK dials without the context, so the dial runs in its own goroutine
// and a late session is closed when it arrives.
func (p *Provider) dial(ctx context.Context, lc *genai.LiveConnectConfig) (*genai.Session, error) {
	client, err := p.genaiClient()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.ConnectTimeout)
	defer cancel()
	type result struct {
		s   *genai.Session
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := client.Live.Connect(ctx, p.cfg.Model, lc)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, classify(r.err)
		}
		return r.s, nil
	case <-ctx.Done():
		go func() {
			if r := <-done; r.s != nil {
				r.s.Close()
			}
		}()
		return nil, &voice.Error{Provider: name, Code: "timeout", Message: "connect: " + ctx.Err().Error()}
	}
}

// historyTurns replays the conversation: the candidate as user, the
// interviewer as model, system lines as marked user context.
func historyTurns(lines []voice.Line) []*genai.Content {
	var turns []*genai.Content
	for _, l := range lines {
		if t := lineTurn(l); t != nil {
			turns = append(turns, t)
		}
	}
	return turns
}

func lineTurn(l voice.Line) *genai.Content {
	if strings.TrimSpace(l.Text) == "" {
		return nil
	}
	switch l.Speaker {
	case voice.SpeakerInterviewer:
		return genai.NewContentFromText(l.Text, genai.RoleModel)
	case voice.SpeakerCandidate:
		return genai.NewContentFromText(l.Text, genai.RoleUser)
	default:
		return genai.NewContentFromText("[Context] "+l.Text, genai.RoleUser)
	}
}

// Fatal close codes: 1007 (invalid argument: a bad setup, or context
// exhausted) and 1008 (policy: bad key, unknown model). The rest (1011
// internal, 1006 abnormal, 1001 going away) may pass on retry.
func closeFatal(code int) bool {
	return code == websocket.CloseInvalidFramePayloadData || code == websocket.ClosePolicyViolation
}

// Statuses of a JSON {"error":…} message that retrying cannot fix.
var fatalStatus = map[string]bool{
	"UNAUTHENTICATED":     true,
	"PERMISSION_DENIED":   true,
	"INVALID_ARGUMENT":    true,
	"NOT_FOUND":           true,
	"FAILED_PRECONDITION": true,
}

// classify turns an SDK or socket error into a *voice.Error.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var ve *voice.Error
	if errors.As(err, &ve) {
		return ve
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		msg := ce.Text
		if _, after, ok := strings.Cut(msg, "ERROR]"); ok { // some reasons carry a "[…ERROR]" prefix
			msg = strings.TrimSpace(after)
		}
		return &voice.Error{Provider: name, Code: strconv.Itoa(ce.Code), Message: msg, Fatal: closeFatal(ce.Code)}
	}
	// The SDK reports a JSON error message as text: "received error in
	// response: {…}".
	if s := err.Error(); strings.Contains(s, "received error in response") {
		if i := strings.Index(s, "{"); i >= 0 {
			var m struct {
				Error struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
					Status  string `json:"status"`
				} `json:"error"`
			}
			if json.Unmarshal([]byte(s[i:]), &m) == nil {
				code := m.Error.Status
				if code == "" {
					code = strconv.Itoa(m.Error.Code)
				}
				return &voice.Error{Provider: name, Code: code, Message: m.Error.Message, Fatal: fatalStatus[m.Error.Status]}
			}
		}
	}
	return &voice.Error{Provider: name, Code: "transport", Message: err.Error()}
}

// errClosed answers calls on a Conn that Close ended.
var errClosed = errors.New("geminilive: connection closed")
