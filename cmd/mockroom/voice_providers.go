package main

import (
	"context"

	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/cascade"
	"github.com/mockroom/mockroom/voice/geminilive"
)

// addVoiceProviders adds Gemini Live and the local cascade.
func addVoiceProviders(c VoiceConfig, out map[string]voice.Provider, local voiceResponder) {
	if c.GeminiKey != "" {
		out[voiceGemini] = geminilive.New(geminilive.Config{APIKey: c.GeminiKey, BaseURL: c.GeminiURL, Model: c.GeminiModel, Voice: c.GeminiVoice})
	}
	if c.LocalURL != "" {
		p, err := cascade.New(cascade.Config{BaseURL: c.LocalURL, APIKey: c.LocalKey, STTModel: c.LocalSTTModel, TTSModel: c.LocalTTSModel,
			Voice: c.LocalVoice, Format: c.LocalFormat, Responder: local})
		if err == nil { // loadVoice checked what New checks
			out[voiceLocal] = p
		}
	}
}

// Respond makes a voiceResponder a cascade.Responder: our interviewer
// (offline, or the LLM_PROVIDER model) answers what the candidate said,
// with the session's state, as it answers typed lines.
func (f voiceResponder) Respond(ctx context.Context, r cascade.Request, emit func(string)) (string, error) {
	return f(ctx, r.SessionID, r.Utterance, emit)
}
