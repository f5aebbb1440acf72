package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/openairt"
	"github.com/mockroom/mockroom/voice/relay"
)

// Voice providers by name.
const (
	voiceOpenAI = "openai"
	voiceGemini = "gemini"
	voiceLocal  = "local"
)

// VoiceConfig is which speech models a spoken interview may use
// (docs/voice.md).
type VoiceConfig struct {
	// Providers in the order to try them for everyone (VOICE_PROVIDER); nil:
	// the seed's routing among the configured ones (paid users OpenAI
	// first, free users Gemini first, the local cascade last).
	Providers []string
	Off       bool // VOICE_PROVIDER=off

	OpenAIKey, OpenAIURL, OpenAIModel, OpenAIVoice, OpenAITranscribe string
	GeminiKey, GeminiURL, GeminiModel, GeminiVoice                   string
	LocalURL, LocalKey, LocalSTTModel, LocalTTSModel, LocalVoice     string
	LocalFormat                                                      string

	// openAIElsewhere: OPENAI_BASE_URL sends the chat models to another
	// server (Ollama...), whose key OpenAI Realtime would not take.
	openAIElsewhere bool

	MonthlyLimit time.Duration // VOICE_MINUTES_PER_MONTH (120); 0: none
	IdleTimeout  time.Duration // VOICE_IDLE_TIMEOUT (60s)
	Prices       voice.Prices  // DefaultPrices with VOICE_PRICES laid over
}

// configured lists the providers that have what they need.
func (c VoiceConfig) configured() []string {
	var out []string
	if c.OpenAIKey != "" && (!c.openAIElsewhere || c.OpenAIURL != "") {
		out = append(out, voiceOpenAI)
	}
	if c.GeminiKey != "" {
		out = append(out, voiceGemini)
	}
	if c.LocalURL != "" {
		out = append(out, voiceLocal)
	}
	return out
}

func loadVoice(env func(string) string, llm LLMConfig) (VoiceConfig, error) {
	c := VoiceConfig{
		OpenAIKey: llm.OpenAIKey, OpenAIURL: env("OPENAI_REALTIME_URL"), OpenAIModel: firstNonEmpty(env("OPENAI_REALTIME_MODEL"), "gpt-realtime"),
		OpenAIVoice: firstNonEmpty(env("OPENAI_REALTIME_VOICE"), "marin"), OpenAITranscribe: firstNonEmpty(env("OPENAI_TRANSCRIBE_MODEL"), "gpt-4o-mini-transcribe"),
		GeminiKey: llm.GeminiKey, GeminiURL: env("GEMINI_LIVE_URL"), GeminiModel: firstNonEmpty(env("GEMINI_LIVE_MODEL"), "gemini-3.8-live"),
		GeminiVoice: firstNonEmpty(env("GEMINI_LIVE_VOICE"), "Kore"),
		LocalURL:    env("VOICE_LOCAL_URL"), LocalKey: env("VOICE_LOCAL_API_KEY"), LocalSTTModel: firstNonEmpty(env("VOICE_LOCAL_STT_MODEL"), "whisper-1"),
		LocalTTSModel: firstNonEmpty(env("VOICE_LOCAL_TTS_MODEL"), "tts-1"), LocalVoice: firstNonEmpty(env("VOICE_LOCAL_VOICE"), "alloy"),
		LocalFormat:  firstNonEmpty(strings.ToLower(env("VOICE_LOCAL_FORMAT")), "pcm"),
		MonthlyLimit: 120 * time.Minute, IdleTimeout: 60 * time.Second, openAIElsewhere: llm.OpenAIBaseURL != "",
	}
	for _, u := range []struct{ name, v string }{{"OPENAI_REALTIME_URL", c.OpenAIURL}, {"GEMINI_LIVE_URL", c.GeminiURL}} {
		if u.v != "" && !validBaseURL(u.v, "http", "https", "ws", "wss") {
			return c, &configError{u.name, fmt.Sprintf("%q must be an absolute http(s) or ws(s) URL", u.v)}
		}
	}
	if c.LocalURL != "" && !validBaseURL(c.LocalURL, "http", "https") {
		return c, &configError{"VOICE_LOCAL_URL", fmt.Sprintf("%q must be an absolute http(s) URL such as http://localhost:8000/v1", c.LocalURL)}
	}
	if c.LocalFormat != "pcm" && c.LocalFormat != "wav" {
		return c, &configError{"VOICE_LOCAL_FORMAT", fmt.Sprintf("%q must be pcm or wav", c.LocalFormat)}
	}
	if v := env("VOICE_MINUTES_PER_MONTH"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 100000 {
			return c, &configError{"VOICE_MINUTES_PER_MONTH", fmt.Sprintf("%q must be a whole number of minutes (0: no limit)", v)}
		}
		c.MonthlyLimit = time.Duration(n) * time.Minute
	}
	if v := env("VOICE_IDLE_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 10*time.Second || d > time.Hour {
			return c, &configError{"VOICE_IDLE_TIMEOUT", fmt.Sprintf("%q must be a duration from 10s to 1h, like 60s", v)}
		}
		c.IdleTimeout = d
	}
	prices, err := voice.ParsePrices(env("VOICE_PRICES"), voice.DefaultPrices())
	if err != nil {
		return c, &configError{"VOICE_PRICES", err.Error() + ` (e.g. "gpt-realtime=0.06/0.24": dollars per minute of audio in/out)`}
	}
	c.Prices = prices
	switch v := strings.ToLower(env("VOICE_PROVIDER")); v {
	case "":
	case "off", "none":
		c.Off = true
	default:
		have := c.configured()
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			switch name {
			case voiceOpenAI, voiceGemini, voiceLocal:
			default:
				return c, &configError{"VOICE_PROVIDER", fmt.Sprintf("%q is not a list of openai, gemini, local (or off)", v)}
			}
			if !contains(have, name) {
				need := map[string]string{voiceOpenAI: "OPENAI_API_KEY", voiceGemini: "GEMINI_API_KEY", voiceLocal: "VOICE_LOCAL_URL"}[name]
				return c, &configError{"VOICE_PROVIDER", fmt.Sprintf("%s needs %s", name, need)}
			}
			c.Providers = append(c.Providers, name)
		}
	}
	return c, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func validBaseURL(s string, schemes ...string) bool {
	i := strings.Index(s, "://")
	return i > 0 && contains(schemes, strings.ToLower(s[:i])) && len(s) > i+3
}

// voiceProviders builds the configured speech models.
func voiceProviders(c VoiceConfig, local voiceResponder) map[string]voice.Provider {
	out := map[string]voice.Provider{}
	if c.Off {
		return out
	}
	if contains(c.configured(), voiceOpenAI) {
		out[voiceOpenAI] = openairt.New(openairt.Config{APIKey: c.OpenAIKey, BaseURL: c.OpenAIURL, Model: c.OpenAIModel, Voice: c.OpenAIVoice,
			TranscriptionModel: c.OpenAITranscribe})
	}
	addVoiceProviders(c, out, local)
	return out
}

// voiceResponder is our interviewer answering a spoken line (the local
// cascade's middle step).
type voiceResponder func(ctx context.Context, sessionID, utterance string, emit func(string)) (string, error)

// routeStore is what voice routing reads: the ledger and the profile's tier.
type routeStore interface {
	billing.Ledger
	Profile(ctx context.Context, userID string) (*account.Profile, error)
}

// voiceRoute is the seed's routing: paid users (who bought credits, or
// whose subscription tier is pro or enterprise) on OpenAI first, free users
// on Gemini first; the local cascade last.
func voiceRoute(c VoiceConfig, db routeStore, log *slog.Logger) func(ctx context.Context, userID string) []string {
	if len(c.Providers) > 0 {
		return func(context.Context, string) []string { return c.Providers }
	}
	paid := []string{voiceOpenAI, voiceGemini, voiceLocal}
	return func(ctx context.Context, userID string) []string {
		ctx = mockroom.AsService(ctx)
		// The tier is live only while the subscription is (storage keeps it
		// in step with the subscription's status).
		if p, err := db.Profile(ctx, userID); err == nil && (p.SubscriptionTier == account.TierPro || p.SubscriptionTier == account.TierEnterprise) {
			return paid
		} else if err != nil {
			log.Warn("voice: reading the profile for routing", "err", err)
		}
		txs, err := db.Transactions(ctx, userID, 100)
		if err != nil {
			log.Warn("voice: reading the ledger for routing", "err", err)
		}
		for _, t := range txs {
			if t.Type == billing.TxPurchase {
				return paid
			}
		}
		return []string{voiceGemini, voiceOpenAI, voiceLocal}
	}
}

func newRelay(c VoiceConfig, svc relay.Interviews, db interface {
	voice.UsageStore
	routeStore
}, log *slog.Logger, clock mockroom.Clock, metrics *relay.Metrics) *relay.Relay {
	var r *relay.Relay
	respond := func(ctx context.Context, sessionID, utterance string, emit func(string)) (string, error) {
		return r.Respond(ctx, sessionID, utterance, emit)
	}
	r = relay.New(svc, db, log, clock, relay.Config{Providers: voiceProviders(c, respond), Route: voiceRoute(c, db, log),
		Prices: c.Prices, MonthlyLimit: c.MonthlyLimit, IdleTimeout: c.IdleTimeout, Metrics: metrics})
	return r
}
