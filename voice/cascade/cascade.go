// Package cascade is the fully local voice.Provider: voice-activity
// detection (voice/vad) → speech-to-text → the interviewer (a Responder) →
// text-to-speech, the speech parts through OpenAI-compatible
// /v1/audio/transcriptions and /v1/audio/speech endpoints at a configurable
// base URL (faster-whisper and Kokoro behind OpenAI-shaped servers, or
// OpenAI itself), spoken to through the official SDK openai-go.
//
// Latency: each sentence of the answer is sent to text-to-speech as soon as
// the Responder has written it, and its audio is passed on while it
// streams in. Audio leaves the Conn at the pace it plays (100 ms chunks, a
// little ahead of real time), so an answer is "being spoken" until its last
// chunk is sent and a barge-in stops it within one chunk.
//
// Turns: the VAD (or Commit, with push-to-talk) ends an utterance, kept
// from 200 ms before its speech began. Speech during an answer cuts it
// (barge-in); speech before an answer has started supersedes the pending
// turn, whose words are then answered together with the new ones. The
// history each answer sees is the Setup's, the notes and the turns; of a
// cut answer it keeps only the sentences whose audio was wholly sent
// before the cut (Interrupt's heard, or the time it had been playing).
//
// Failures: a refused key (401/403) or an unknown model (404) is fatal; a
// speech server that answers 5xx, 429 or not in time costs the turn (a
// Warning, the answer ends cut) but not the connection; a server that
// cannot be reached or drops the connection mid-answer ends the Conn with a
// retryable error, as a provider's dropped socket would. Connect probes
// both endpoints with a tiny request, so a bad key or model surfaces there
// (and cold models load before the candidate speaks).
package cascade

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"

	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/vad"
)

// Rates the cascade speaks: the VAD and speech-to-text take 16 kHz, and
// "pcm" speech is 24 kHz as OpenAI sends it.
const (
	InputRate  = 16000
	OutputRate = 24000
)

// Speech formats asked of the speech endpoint.
const (
	FormatPCM = "pcm" // raw PCM16 at 24 kHz, streamed as it is made
	FormatWAV = "wav" // a WAV file at the server's own rate, resampled to 24 kHz
)

// noKey is the bearer token sent to a local server that needs none.
const noKey = "no-key"

// requestTimeout bounds one speech request (a transcription, or one
// sentence's speech).
const requestTimeout = 30 * time.Second

// chunkMS is the length of the Audio events' chunks.
const chunkMS = 100

// Config says where the speech servers are and who answers.
type Config struct {
	BaseURL  string // e.g. http://localhost:8000/v1; "" = OpenAI's API
	APIKey   string // may be empty for a local server
	STTModel string // "whisper-1"
	TTSModel string // "tts-1"
	Voice    string // "alloy"; Setup.Voice overrides it
	Format   string // FormatPCM (default) or FormatWAV
	VAD      vad.Config
	// Lead is how far ahead of real time answer audio is sent: the
	// listener's jitter buffer (300 ms). A barge-in can only stop what has
	// not been sent.
	Lead       time.Duration
	Responder  Responder
	HTTPClient *http.Client // nil: the SDK's default
}

// Provider is the cascade.
type Provider struct {
	cfg    Config
	client openai.Client
}

var _ voice.Provider = (*Provider)(nil)

// New checks cfg and builds a provider.
func New(cfg Config) (*Provider, error) {
	if cfg.Responder == nil {
		return nil, errors.New("cascade: a Responder is required")
	}
	base := strings.TrimSpace(cfg.BaseURL)
	if base == "" {
		base = "https://api.openai.com/v1"
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("cascade: base URL %q must be an absolute http(s) URL such as http://localhost:8000/v1", cfg.BaseURL)
	}
	cfg.STTModel = or(cfg.STTModel, "whisper-1")
	cfg.TTSModel = or(cfg.TTSModel, "tts-1")
	cfg.Voice = or(cfg.Voice, "alloy")
	cfg.Format = or(cfg.Format, FormatPCM)
	if cfg.Lead <= 0 {
		cfg.Lead = 300 * time.Millisecond
	}
	if cfg.Format != FormatPCM && cfg.Format != FormatWAV {
		return nil, fmt.Errorf("cascade: speech format %q: want %q or %q", cfg.Format, FormatPCM, FormatWAV)
	}
	opts := []option.RequestOption{
		option.WithBaseURL(strings.TrimRight(base, "/") + "/"),
		option.WithAPIKey(or(strings.TrimSpace(cfg.APIKey), noKey)),
		option.WithMaxRetries(0), // a turn cannot wait for backoff; see call
	}
	if cfg.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(cfg.HTTPClient))
	}
	return &Provider{cfg: cfg, client: openai.NewClient(opts...)}, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Name implements voice.Provider.
func (p *Provider) Name() string { return "local" }

// Model implements voice.Provider: the speech-to-text and text-to-speech
// models, "whisper-1+tts-1". The answer's tokens are the Responder's model's.
func (p *Provider) Model() string { return p.cfg.STTModel + "+" + p.cfg.TTSModel }

// Connect implements voice.Provider. It probes both speech endpoints (a
// half second of silence to transcribe, a word to speak) so that a refused
// key or an unknown model fails here, as a provider's handshake would.
func (p *Provider) Connect(ctx context.Context, s voice.Setup) (voice.Conn, error) {
	voiceName := or(s.Voice, p.cfg.Voice)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Go(func() { _, errs[0] = p.transcribe(ctx, pcm.Silence(InputRate, 500)) })
	wg.Go(func() {
		errs[1] = p.speak(ctx, "Hello.", voiceName, func([]byte) error { return nil })
	})
	wg.Wait()
	for _, err := range errs {
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		e, _ := p.classify(ctx, err)
		// A 4xx at the handshake is configuration (a voice or format the
		// server does not know): retrying cannot help.
		var api *openai.Error
		if errors.As(err, &api) && api.StatusCode >= 400 && api.StatusCode < 500 &&
			api.StatusCode != http.StatusTooManyRequests && api.StatusCode != http.StatusRequestTimeout {
			e.Fatal = true
		}
		return nil, e
	}
	return newConn(p, s, voiceName), nil
}

// transcribe sends one utterance (PCM16 at InputRate) as a WAV file.
func (p *Provider) transcribe(ctx context.Context, audio []byte) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	wav := pcm.WAV(audio, InputRate)
	var text string
	err := retry(ctx, func() error {
		resp, err := p.client.Audio.Transcriptions.New(ctx, openai.AudioTranscriptionNewParams{
			File:           openai.File(bytes.NewReader(wav), "utterance.wav", "audio/wav"),
			Model:          openai.AudioModel(p.cfg.STTModel),
			ResponseFormat: openai.AudioResponseFormatJSON,
		})
		if err == nil {
			text = resp.Text
		}
		return err
	})
	return strings.TrimSpace(text), err
}

// speak asks for text's speech and hands it to out as PCM16 at OutputRate in
// 100 ms chunks while it streams in (a WAV is read whole, then resampled).
func (p *Provider) speak(ctx context.Context, text, voiceName string, out func([]byte) error) error {
	rctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	var resp *http.Response
	err := retry(rctx, func() error {
		var err error
		resp, err = p.client.Audio.Speech.New(rctx, openai.AudioSpeechNewParams{
			Input:          text,
			Model:          openai.SpeechModel(p.cfg.TTSModel),
			Voice:          openai.AudioSpeechNewParamsVoiceUnion{OfString: openai.String(voiceName)},
			ResponseFormat: openai.AudioSpeechNewParamsResponseFormat(p.cfg.Format),
		})
		return err
	})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// A read cut by the request's deadline is a timeout, not a lost server.
	readErr := func(err error) error {
		if rctx.Err() != nil {
			return rctx.Err()
		}
		return err
	}
	if p.cfg.Format == FormatWAV {
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return readErr(err)
		}
		audio, rate, err := pcm.ParseWAV(data)
		if err != nil {
			return &voice.Error{Provider: "local", Code: "bad_audio", Message: err.Error()}
		}
		for _, c := range pcm.Chunks(pcm.Resample(audio, rate, OutputRate), OutputRate, chunkMS) {
			if err := out(c); err != nil {
				return err
			}
		}
		return nil
	}
	buf := make([]byte, 2*OutputRate*chunkMS/1000)
	for {
		n, err := readFull(resp.Body, buf)
		if n -= n % 2; n > 0 {
			if err := out(append([]byte(nil), buf[:n]...)); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return readErr(err)
		}
	}
}

// readFull fills buf like io.ReadFull but keeps io.EOF (the end) apart from
// every other error (a cut stream), which io.ReadFull folds together.
func readFull(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// retry runs one request, and once more if it never got an answer (a
// keep-alive connection the server had closed, a reset). The SDK's own
// retries are off so that a 5xx costs the turn at once instead of backing
// off while the candidate waits.
func retry(ctx context.Context, do func() error) error {
	err := do()
	var api *openai.Error
	if err == nil || ctx.Err() != nil || errors.As(err, &api) {
		return err
	}
	return do()
}

// classify turns a failed request into a voice.Error and says whether the
// Conn must end: fatal errors (bad key, unknown model) and an unreachable
// server end it; the rest (5xx, 429, timeouts, other 4xx) cost one turn.
func (p *Provider) classify(ctx context.Context, err error) (e *voice.Error, end bool) {
	if errors.As(err, &e) {
		return e, e.Fatal
	}
	e = &voice.Error{Provider: "local", Message: err.Error()}
	var api *openai.Error
	switch {
	case errors.As(err, &api):
		e.Message = api.Message
		if e.Message == "" {
			e.Message = http.StatusText(api.StatusCode)
		}
		switch s := api.StatusCode; {
		case s == http.StatusUnauthorized || s == http.StatusForbidden:
			e.Code, e.Fatal = "invalid_api_key", true
		case s == http.StatusNotFound:
			e.Code, e.Fatal = "model_not_found", true
		case s == http.StatusTooManyRequests:
			e.Code = "rate_limited"
		case s >= 500:
			e.Code = or(api.Code, "server_error")
		default:
			e.Code = or(api.Code, "invalid_request")
		}
		return e, e.Fatal
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		e.Code = "timeout"
		return e, false
	}
	// Refused, reset or cut mid-stream: the server is gone.
	e.Code = "unreachable"
	return e, true
}
